import { CashRemittance } from './entities/cash-remittance.entity';
import { StationCash } from './entities/station-cash.entity';
import { VillageOrderLine } from './entities/village-order-line.entity';
import { VillageOrderMonth } from './entities/village-order-month.entity';
import { VillageOrder } from './entities/village-order.entity';

export { CashRemittance, StationCash, VillageOrder, VillageOrderLine, VillageOrderMonth };
export { VillageOrderStatus } from './domain/enums';
export { VillageOrdersModule } from './village-orders.module';
export { DownwardFlowReader, DownwardMonth } from './downward-flow.reader';
export { VillageOrderLifeService } from './village-order-life.service';
export { VILLAGE_ORDER_SETTLEMENT, VillageOrderSettlementSide } from './village-order-settlement';
export { splitVillageOrder } from './domain/village-order-split';
export { hashPickupCode } from './domain/pickup-code';
export const VILLAGE_ORDERS_ENTITIES = [VillageOrder, VillageOrderLine, StationCash, CashRemittance, VillageOrderMonth];
export { VILLAGE_ORDERS_JOBS } from './jobs/jobs';
