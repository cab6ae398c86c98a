import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { FenAmount, fenSum } from '@app/kernel';

export { FenAmount, fenSum } from '@app/kernel';

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
