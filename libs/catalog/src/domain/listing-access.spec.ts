import { Actor, Role } from '@app/kernel';
import { ListingStatus } from './enums';
import { canManageListing, canSeeListing, canSeeSupply } from './listing-access';

const actor = (role: Role, stationId: string | null = null, countyId: string | null = null): Actor => ({ userId: '9', role, stationId, countyId });
const listing = (status: ListingStatus) => ({ stationId: '1', countyId: '10', status });

describe('listing access', () => {
  const admin = actor(Role.ADMIN);
  const operator = actor(Role.STATION_OPERATOR, '1');
  const otherOperator = actor(Role.STATION_OPERATOR, '2');
  const official = actor(Role.COUNTY_OFFICIAL, null, '10');
  const otherOfficial = actor(Role.COUNTY_OFFICIAL, null, '11');
  const buyer = actor(Role.BUYER);

  it('shows ACTIVE listings to everybody, others only to admins, its county officials and its station operators', () => {
    for (const a of [null, buyer, admin, operator, otherOperator, official, otherOfficial]) expect(canSeeListing(a, listing(ListingStatus.ACTIVE))).toBe(true);
    for (const status of [ListingStatus.DRAFT, ListingStatus.PAUSED, ListingStatus.SOLD_OUT, ListingStatus.ARCHIVED]) {
      expect([null, buyer, admin, operator, otherOperator, official, otherOfficial].map((a) => canSeeListing(a, listing(status)))).toEqual([false, false, true, true, false, true, false]);
    }
  });

  it('shows supply to admins, its county officials and its station operators only', () => {
    expect([null, buyer, admin, operator, otherOperator, official, otherOfficial].map((a) => canSeeSupply(a, listing(ListingStatus.ACTIVE)))).toEqual([false, false, true, true, false, true, false]);
    // an operator or official whose account lacks its station or county sees nothing extra
    expect(canSeeSupply(actor(Role.STATION_OPERATOR), { stationId: '1', countyId: '10' })).toBe(false);
    expect(canSeeSupply(actor(Role.COUNTY_OFFICIAL), { stationId: '1', countyId: '10' })).toBe(false);
  });

  it('lets only admins and the listing station operators change it', () => {
    expect([admin, operator, otherOperator, official, buyer].map((a) => canManageListing(a, { stationId: '1' }))).toEqual([true, true, false, false, false]);
  });
});
