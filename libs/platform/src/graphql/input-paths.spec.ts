import { describe, expect, it } from '@jest/globals';
import { GraphQLFormattedError, parse } from 'graphql';
import { fieldFromMessage } from './format-error';
import { nameInputFields } from './input-paths';

const badInput = (message: string, extra: Partial<GraphQLFormattedError> = {}, field?: string): GraphQLFormattedError => ({
  message,
  ...extra,
  extensions: { code: 'BAD_USER_INPUT', ...(field === undefined ? {} : { field }) },
});

describe('nameInputFields', () => {
  it("names the argument a variable feeds, not the client's variable", () => {
    const document = parse(`mutation ($i: CreateListingInput!, $p: Fen, $n: Int) { createListing(input: $i) { id } updateListing(id: "1", input: { priceFen: $p }) { id } listings(first: $n) { totalCount } }`);
    const errors = [
      badInput('Variable "$i" got invalid value 1.5 at "i.priceFen"; ...', {}, 'i.priceFen'),
      badInput('Variable "$i" got invalid value ...', {}, 'i.supply.0.quantity'),
      badInput('Variable "$p" got invalid value -1', {}, 'p'),
      badInput('Variable "$n" got invalid value 1.5', {}, 'n'),
      badInput('first must be between 1 and 100', {}, 'first'),
    ];
    nameInputFields(errors, document);
    expect(errors.map((e) => e.extensions!.field)).toEqual(['input.priceFen', 'input.supply.0.quantity', 'input.priceFen', 'first', 'first']);
  });

  it('names the literal an error points at', () => {
    const source = `mutation {\n  updateListing(id: "1", input: { title: "x", priceFen: 1.5 }) { id }\n  createStation(input: { name: "s", servedVillageIds: ["1", 2.5], dailyCapacity: 1, commissionBps: 0, villageId: "1" }) { id }\n}`;
    const document = parse(source);
    const lineOf = (needle: string) => {
      const offset = source.indexOf(needle);
      const before = source.slice(0, offset).split('\n');
      return { line: before.length, column: before[before.length - 1].length + 1 };
    };
    const errors = [
      badInput('Expected value of type "Fen", found 1.5', { locations: [lineOf('1.5')] }),
      badInput('Expected value of type "ID!", found 2.5', { locations: [lineOf('2.5')] }),
      badInput('Field "title" ...', { locations: [lineOf('title:')] }),
      badInput('Something else', { locations: [{ line: 1, column: 1 }] }),
    ];
    nameInputFields(errors, document);
    expect(errors.map((e) => e.extensions!.field)).toEqual(['input.priceFen', 'input.servedVillageIds.1', 'input.title', undefined]);
  });

  it('leaves other codes alone', () => {
    const errors: GraphQLFormattedError[] = [{ message: 'Variable "$i" got invalid value', extensions: { code: 'FORBIDDEN' } }];
    nameInputFields(errors, parse(`mutation ($i: ID!) { cancelOrder(id: $i) { id } }`));
    expect(errors[0].extensions).toEqual({ code: 'FORBIDDEN' });
  });
});

describe('fieldFromMessage', () => {
  it.each([
    ['Variable "$input" got invalid value 1.5 at "input.lines[0].quantity"; Int cannot represent non-integer value: 1.5', 'input.lines.0.quantity'],
    ['Variable "$i" got invalid value { code: "1", admin: true }; Field "admin" is not defined by type "CreateCountyInput".', 'i.admin'],
    ['Variable "$i" got invalid value { code: "1" }; Field "name" of required type "String!" was not provided.', 'i.name'],
    ['Variable "$i" got invalid value { lines: [{}] } at "i.lines[0]"; Field "quantity" of required type "Int!" was not provided.', 'i.lines.0.quantity'],
    ['Variable "$id" of required type "ID!" was not provided.', 'id'],
    ['Cannot query field "nope" on type "Query".', 'nope'],
  ])('%s -> %s', (message, field) => {
    expect(fieldFromMessage(message)).toBe(field);
  });
});
