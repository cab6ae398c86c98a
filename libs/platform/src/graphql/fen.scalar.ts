import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';

// A literal's node goes with the error: its location lets the error name the input field.
const invalid = (value: unknown, node?: ValueNode) =>
  new GraphQLError(`Fen must be a whole number of fen (a safe integer); got ${JSON.stringify(value)?.slice(0, 40)}`, {
    nodes: node,
    extensions: { code: 'BAD_USER_INPUT' },
  });

/** Money in integer fen (1/100 yuan), as a JSON number that is always a safe integer. */
export const FenScalar = new GraphQLScalarType<number, number>({
  name: 'Fen',
  description: 'Money in integer fen (1/100 yuan): a JSON number, always a safe integer.',
  serialize(value) {
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new GraphQLError(`not a fen amount: ${String(value)}`);
    return n;
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
