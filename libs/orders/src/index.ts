import { Allocation } from './entities/allocation.entity';
import { Fulfillment } from './entities/fulfillment.entity';
import { HouseholdIncomeDay } from './entities/household-income-day.entity';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { StationDayLoad } from './entities/station-day-load.entity';
import { PaymentJob } from './entities/payment-job.entity';
import { SandboxPayment } from './payment/sandbox-payment.entity';

export { Allocation, Fulfillment, HouseholdIncomeDay, Order, OrderLine, StationDayLoad };
export { FulfillmentStatus, OrderStatus } from './entities/enums';
export { AllocationType, FulfillmentType, OrderLineType, OrderType } from './graphql/order.types';
export { OrderLoaders } from './query/order-loaders.service';
export { RoutingRetryService } from './routing/routing-retry.service';
export { HouseholdSales } from './sales/household-sales.service';
export { SETTLEABLE_ALLOCATIONS_SQL } from './sales/settleable-allocations';
export { OrdersModule } from './orders.module';
export const ORDERS_ENTITIES = [Order, OrderLine, Fulfillment, Allocation, StationDayLoad, HouseholdIncomeDay, PaymentJob, SandboxPayment];
export { ORDERS_JOBS } from './jobs/jobs';
