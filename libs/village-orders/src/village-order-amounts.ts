import { VillageOrderAmounts } from '@app/ledger';
import { VillageOrder } from './entities/village-order.entity';

/** What the ledger's posting recipes need of an order. */
export const amountsOf = (o: VillageOrder): VillageOrderAmounts => ({
  villageOrderId: String(o.id),
  stationId: String(o.stationId),
  merchantId: String(o.merchantId),
  totalFen: Number(o.totalFen),
  depositFen: Number(o.depositFen),
  merchantNetFen: Number(o.merchantNetFen),
  stationCommissionFen: Number(o.stationCommissionFen),
  platformFeeFen: Number(o.platformFeeFen),
});
