import DataLoader from 'dataloader';

/** What every GraphQL resolver gets as context. */
export interface GraphQLContext {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  req: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  res: any;
  loaders?: Map<string, DataLoader<unknown, unknown>>;
}

/**
 * The request's DataLoader named `key`, created on first use. Loaders live for one request only, so
 * they batch a page's field lookups into one query each and never serve another caller's data.
 */
export function loader<K, V>(context: GraphQLContext, key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
  context.loaders ??= new Map();
  let existing = context.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!existing) {
    existing = create();
    context.loaders.set(key, existing as DataLoader<unknown, unknown>);
  }
  return existing;
}

/** Orders the rows of one `WHERE id = ANY($1)` query as DataLoader wants them: one per key, null if missing. */
export function byKeys<K extends string, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups rows by key for one-to-many loaders: one array per key, empty if none. */
export function groupByKeys<K extends string, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
