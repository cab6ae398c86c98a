import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Actor, Role } from '@app/kernel';
import { canManageGoods, canSeeGoods, canSeeMerchantAccount } from './goods-access';

const actor = (role: Role, ids: Partial<Actor> = {}): Actor => ({ userId: '1', role, stationId: null, countyId: null, merchantId: null, ...ids });

describe('goods access', () => {
  it('active goods are seen by anyone; inactive only by their merchant and admins', () => {
    expect(canSeeGoods(null, { merchantId: '7', active: true })).toBe(true);
    expect(canSeeGoods(null, { merchantId: '7', active: false })).toBe(false);
    expect(canSeeGoods(actor(Role.STATION_OPERATOR, { stationId: '1' }), { merchantId: '7', active: false })).toBe(false);
    expect(canSeeGoods(actor(Role.MERCHANT, { merchantId: '8' }), { merchantId: '7', active: false })).toBe(false);
    expect(canSeeGoods(actor(Role.MERCHANT, { merchantId: '7' }), { merchantId: '7', active: false })).toBe(true);
    expect(canSeeGoods(actor(Role.ADMIN), { merchantId: '7', active: false })).toBe(true);
  });

  it('only a merchant of the same organisation or an admin manages goods, whatever the ids', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(Role)), fc.nat(50), fc.nat(50), (role, own, target) => {
        const may = canManageGoods(actor(role, { merchantId: role === Role.MERCHANT ? String(own) : null }), String(target));
        expect(may).toBe(role === Role.ADMIN || (role === Role.MERCHANT && own === target));
      }),
    );
  });

  it("a merchant's account: admins, its users, officials of its county", () => {
    const m = { id: '3', countyId: '9' };
    expect(canSeeMerchantAccount(actor(Role.ADMIN), m)).toBe(true);
    expect(canSeeMerchantAccount(actor(Role.MERCHANT, { merchantId: '3' }), m)).toBe(true);
    expect(canSeeMerchantAccount(actor(Role.MERCHANT, { merchantId: '4' }), m)).toBe(false);
    expect(canSeeMerchantAccount(actor(Role.COUNTY_OFFICIAL, { countyId: '9' }), m)).toBe(true);
    expect(canSeeMerchantAccount(actor(Role.COUNTY_OFFICIAL, { countyId: '8' }), m)).toBe(false);
    expect(canSeeMerchantAccount(actor(Role.STATION_OPERATOR, { stationId: '1' }), m)).toBe(false);
    expect(canSeeMerchantAccount(null, m)).toBe(false);
  });
});
