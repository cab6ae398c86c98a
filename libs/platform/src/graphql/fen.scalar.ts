import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';

/**
 * A fen amount in the code: a number while it is a safe integer (every single price, line, order and
 * payout is far below 2^53), a bigint for sums that may pass it (the ledger's, the reports').
 */
export type FenAmount = number | bigint;

const DECIMAL = /^-?\d+$/;

/** A bigint sum as PostgreSQL sends it (text), exactly: a number when it is safe, a bigint beyond. */
export function fenSum(value: string | number | bigint | null | undefined): FenAmount {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`fen amount ${value} is not an exact integer (sum it as bigint)`);
    return value;
  }
  if (!DECIMAL.test(value)) throw new RangeError(`fen amount ${value.slice(0, 40)} is not an integer`);
  const big = BigInt(value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

// A literal's node goes with the error: its location lets the error name the input field.
const invalid = (value: unknown, node?: ValueNode) =>
  new GraphQLError(`Fen must be a whole number of fen (a safe integer); got ${JSON.stringify(value)?.slice(0, 40)}`, {
    nodes: node,
    extensions: { code: 'BAD_USER_INPUT' },
  });

/**
 * Money in integer fen (1/100 yuan). Inputs and every amount of one thing (a price, an order, a payout)
 * are JSON numbers that are safe integers, as the contract says. A sum past 2^53 (the ledger's after
 * enough years) cannot be a JSON number that clients read exactly, so it is sent as its exact decimal
 * digits in a string rather than rounded or refused: a report stays readable and exact.
 */
export const FenScalar = new GraphQLScalarType<FenAmount, number | string>({
  name: 'Fen',
  description:
    'Money in integer fen (1/100 yuan): a JSON number, always a safe integer; only a sum beyond 2^53 (never an input, price, order or payout) comes as a string of its exact digits.',
  serialize(value) {
    let amount: FenAmount;
    try {
      amount = fenSum(value as string | number | bigint);
    } catch {
      throw new GraphQLError(`not a fen amount: ${String(value).slice(0, 40)}`);
    }
    return typeof amount === 'bigint' ? amount.toString() : amount;
  },
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(value);
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw invalid(ast.kind === Kind.FLOAT || ast.kind === Kind.STRING ? ast.value : ast.kind, ast);
    const n = Number(ast.value);
    if (!Number.isSafeInteger(n)) throw invalid(ast.value, ast);
    return n;
  },
});
