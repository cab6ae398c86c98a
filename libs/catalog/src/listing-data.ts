import { SupplyLotData } from './domain/listing';
import { SupplyLot } from './entities/supply-lot.entity';

export const toSupplyLotData = (s: SupplyLot): SupplyLotData => ({
  id: s.id,
  quantity: s.quantity,
  remaining: s.remaining,
  listingId: s.listingId,
  householdId: s.householdId,
  createdAt: s.createdAt,
});
