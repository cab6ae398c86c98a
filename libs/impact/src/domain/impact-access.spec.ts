import { describe, expect, it } from '@jest/globals';
import { Actor, DomainError, ErrorCode, Role } from '@app/kernel';
import { impactScopeFor } from './impact-access';

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({ userId: '1', role, stationId: null, countyId: null, ...extra });
const code = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'passed';
};

describe('impactScopeFor', () => {
  it('lets admins read any scope, or everything', () => {
    expect(impactScopeFor(actor(Role.ADMIN), { countyId: null, stationId: null })).toEqual({ countyId: null, stationId: null });
    expect(impactScopeFor(actor(Role.ADMIN), { countyId: '7', stationId: '9' })).toEqual({ countyId: '7', stationId: '9' });
  });

  it('holds officials to their county, filled in when absent', () => {
    const official = actor(Role.COUNTY_OFFICIAL, { countyId: '7' });
    expect(impactScopeFor(official, { countyId: null, stationId: null })).toEqual({ countyId: '7', stationId: null });
    expect(impactScopeFor(official, { countyId: '7', stationId: '3' })).toEqual({ countyId: '7', stationId: '3' });
    expect(code(() => impactScopeFor(official, { countyId: '8', stationId: null }))).toBe(ErrorCode.FORBIDDEN);
  });

  it('holds operators to their station, filled in when absent', () => {
    const operator = actor(Role.STATION_OPERATOR, { stationId: '3' });
    expect(impactScopeFor(operator, { countyId: null, stationId: null })).toEqual({ countyId: null, stationId: '3' });
    expect(impactScopeFor(operator, { countyId: '7', stationId: '3' })).toEqual({ countyId: '7', stationId: '3' });
    expect(code(() => impactScopeFor(operator, { countyId: null, stationId: '4' }))).toBe(ErrorCode.FORBIDDEN);
  });

  it('refuses buyers and anonymous callers with FORBIDDEN', () => {
    expect(code(() => impactScopeFor(actor(Role.BUYER), { countyId: null, stationId: null }))).toBe(ErrorCode.FORBIDDEN);
    expect(code(() => impactScopeFor(null, { countyId: null, stationId: null }))).toBe(ErrorCode.FORBIDDEN);
    expect(code(() => impactScopeFor(actor(Role.COUNTY_OFFICIAL), { countyId: null, stationId: null }))).toBe(ErrorCode.FORBIDDEN);
  });
});
