import { Allocation } from './entities/allocation.entity';
import { Fulfillment } from './entities/fulfillment.entity';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { StationDayLoad } from './entities/station-day-load.entity';

export { Allocation, Fulfillment, Order, OrderLine, StationDayLoad };
export { FulfillmentStatus, OrderStatus } from './entities/enums';
export { OrdersModule } from './orders.module';
export const ORDERS_ENTITIES = [Order, OrderLine, Fulfillment, Allocation, StationDayLoad];
