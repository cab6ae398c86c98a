import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError, loadConfig } from './app-config';

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback', 'loopback'],
    ['loopback, 10.0.0.0/8, fd00::/8', 'loopback, 10.0.0.0/8, fd00::/8'],
  ])('%j is trust proxy %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('refuses what Express would misread', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'yes please!' })).toThrow(ConfigValidationError);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/8; rm -rf' })).toThrow(/TRUST_PROXY/);
  });
});
