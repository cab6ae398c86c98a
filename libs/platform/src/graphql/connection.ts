import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { badInput } from '@app/kernel';
import { CursorPart, cursorValues, encodeCursor } from '@app/kernel';

@ObjectType('PageInfo')
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/** A page of a list. Its totalCount is read lazily: the COUNT runs only when a client selects it. */
export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

/** Declares `<Name>Connection` and `<Name>Edge` GraphQL types for a node type (Relay style). */
export function ConnectionType<T>(node: Type<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class Connection {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number;
  }
  return Connection;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `first` checked against the contract's bounds (1..100, default 20). */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(field, `${field} must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

export { CursorPart, encodeCursor } from '@app/kernel';

/**
 * The values encoded by encodeCursor, each checked against its part of `shape` (the kernel's
 * cursorValues); BAD_USER_INPUT on anything else.
 */
export function decodeCursor(cursor: string | null | undefined, shape: readonly CursorPart[], field = 'after'): Array<string | number | null> | null {
  if (cursor === undefined || cursor === null) return null;
  const values = cursorValues(cursor, shape);
  if (values === undefined) throw badInput(field, 'not a cursor this list gave out');
  return values;
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only says there is a next page.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => ReadonlyArray<string | number | null>,
  nodeOf: (row: R) => T,
  totalCount: number | (() => Promise<number>),
): Page<T> {
  const hasNextPage = rows.length > limit;
  const pageRows = hasNextPage ? rows.slice(0, limit) : rows;
  const edges = pageRows.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: nodeOf(row) }));
  const page = { edges, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } } as Page<T>;
  // A getter: GraphQL reads the field only when it is selected, and only then does the COUNT start (once).
  let count: number | Promise<number> | undefined = typeof totalCount === 'number' ? totalCount : undefined;
  Object.defineProperty(page, 'totalCount', { enumerable: true, get: () => (count ??= (totalCount as () => Promise<number>)()) });
  return page;
}
