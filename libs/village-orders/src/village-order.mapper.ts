import { toFen } from '@app/kernel';
import { Actor } from '@app/platform';
import { canSeeVillager } from './domain/village-order-access';
import { VillageOrder } from './entities/village-order.entity';
import { VillageOrderType } from './graphql/village-order.types';

const DAY_MS = 86_400_000;

/** The API's view of an order for this actor (the villager hidden from the merchant). */
export function toVillageOrderType(o: VillageOrder, actor: Actor | null, pickupDays: number): VillageOrderType {
  const scope = { stationId: String(o.stationId), countyId: String(o.countyId), merchantId: String(o.merchantId) };
  const villager = canSeeVillager(actor, scope);
  return {
    id: String(o.id),
    status: o.status,
    villagerName: villager ? o.villagerName : null,
    totalFen: toFen(o.totalFen),
    depositFen: toFen(o.depositFen),
    balanceDueFen: toFen(o.totalFen) - toFen(o.depositFen),
    stationCommissionFen: toFen(o.stationCommissionFen),
    platformFeeFen: toFen(o.platformFeeFen),
    merchantNetFen: toFen(o.merchantNetFen),
    placedAt: o.placedAt,
    shippedAt: o.shippedAt,
    receivedAt: o.receivedAt,
    pickupDueAt: o.receivedAt ? new Date(o.receivedAt.getTime() + pickupDays * DAY_MS) : null,
    pickupLockedUntil: o.pickupLockedUntil,
    collectedAt: o.collectedAt,
    returnedAt: o.returnedAt,
    cancelledAt: o.cancelledAt,
    ...scope,
    villageId: String(o.villageId),
    householdId: villager && o.householdId ? String(o.householdId) : null,
  };
}
