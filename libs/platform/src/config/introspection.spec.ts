import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError, loadConfig } from './app-config';

describe('GRAPHQL_INTROSPECTION', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex') };

  it('is off in production unless set, on elsewhere unless set', () => {
    expect(loadConfig(production).graphqlIntrospection).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection).toBe(true);
    expect(loadConfig({}).graphqlIntrospection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).graphqlIntrospection).toBe(true);
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'false' }).graphqlIntrospection).toBe(false);
  });

  it('refuses anything but true or false', () => {
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: 'yes' })).toThrow(ConfigValidationError);
  });
});
