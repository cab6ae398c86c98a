/**
 * Errors as the log may keep them: what went wrong and where, never the data in play. TypeORM's
 * QueryFailedError carries the SQL, its parameters and the driver's error; PostgreSQL's errors carry a
 * `detail` with the values (`Key (payout_account)=(6222...) already exists`, `Failing row contains
 * (...)`) and some messages quote the value they refused. Only the fields below are kept, and quoted
 * values are cut from messages and stacks.
 */
export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  /** SQLSTATE of a database error, or a DomainError's code. */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  cause?: SafeError;
}

const VALUE_PATTERNS: Array<[RegExp, string]> = [
  // invalid input syntax for type bigint: "123abc" / invalid input value for enum x: "y" / ...: "v"
  [/(: )"(?:[^"\n]|"")*"(?=\s*$|\n)/gm, '$1[value]'],
  // value "99999999999" is out of range for type integer
  [/\bvalue "(?:[^"\n]|"")*"/g, 'value [value]'],
  // Key (a, b)=(x, y) ... ; Failing row contains (...)
  [/\bKey \(([^)\n]*)\)=\((?:[^\n]*?)\)/g, 'Key ($1)=([value])'],
  [/Failing row contains \((?:[^\n]*)\)/g, 'Failing row contains ([values])'],
  // invalid byte sequence for encoding "UTF8": 0x00
  [/(invalid byte sequence for encoding "[\w-]+": )[^\n]*/g, '$1[bytes]'],
];

/** A message or stack without the values a database error may quote. */
export function withoutValues(text: string): string {
  return VALUE_PATTERNS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

const KEPT = ['constraint', 'table', 'column', 'routine'] as const;

/**
 * The log's view of an error (pino's `err` serializer): type, message, stack, code and where. Takes an
 * Error, or the plain object pino's standard serializer made of one (pino-http applies that first).
 */
export function safeError(error: unknown, depth = 0): SafeError | unknown {
  if (typeof error === 'string') return withoutValues(error);
  if (typeof error !== 'object' || error === null || !('message' in error || 'stack' in error)) return error;
  const source = error as Record<string, unknown>;
  const driver = (typeof source.driverError === 'object' && source.driverError !== null ? source.driverError : {}) as Record<string, unknown>;
  const type = typeof source.type === 'string' ? source.type : error instanceof Error ? (error.constructor?.name ?? error.name) : 'Error';
  const out: SafeError = { type, message: withoutValues(String(source.message ?? '')) };
  if (typeof source.stack === 'string') out.stack = withoutValues(source.stack);
  const code = source.code ?? driver.code;
  if (typeof code === 'string' || typeof code === 'number') out.code = String(code);
  for (const key of KEPT) {
    const value = source[key] ?? driver[key];
    if (typeof value === 'string') out[key] = value;
  }
  if (source.cause !== undefined && source.cause !== null && depth < 3) out.cause = safeError(source.cause, depth + 1) as SafeError;
  return out;
}
