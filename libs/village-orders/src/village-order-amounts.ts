import { toFen } from '@app/kernel';
import { VillageOrderAmounts } from '@app/ledger';
import { VillageOrder } from './entities/village-order.entity';

/** What the ledger's posting recipes need of an order. */
export const amountsOf = (o: VillageOrder): VillageOrderAmounts => ({
  villageOrderId: String(o.id),
  stationId: String(o.stationId),
  merchantId: String(o.merchantId),
  totalFen: toFen(o.totalFen),
  depositFen: toFen(o.depositFen),
  merchantNetFen: toFen(o.merchantNetFen),
  stationCommissionFen: toFen(o.stationCommissionFen),
  platformFeeFen: toFen(o.platformFeeFen),
});
