import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { CatalogModule } from '@app/catalog';
import { LedgerModule } from '@app/ledger';
import { RegistryModule } from '@app/registry';
import { StationsModule } from '@app/stations';
import { ReattributionService } from './attribution/reattribution.service';
import { FulfillmentService } from './fulfillment/fulfillment.service';
import { OrderCancellationService } from './fulfillment/order-cancellation.service';
import {
  AllocationFieldsResolver,
 
  FulfillmentFieldsResolver,
 
  OrderFieldsResolver,
  OrderLineFieldsResolver,
} from './graphql/order-fields.resolver';
import { OrderResolver } from './graphql/order.resolver';
import { ListingPriceSplitResolver } from './graphql/price-split.resolver';
import { RoutingRetryJob } from './jobs/routing-retry.job';
import { PaymentJobs } from './jobs/payment.job';
import { PAYMENT_GATEWAY, SandboxPaymentGateway } from './payment/payment-gateway';
import { PaymentJobsService } from './payment/payment-jobs.service';
import { OrderPlacementService } from './placement/order-placement.service';
import { OrderLoaders } from './query/order-loaders.service';
import { OrderQueryService } from './query/order-query.service';
import { OrderReader } from './query/order-reader.service';
import { RoutingRetryRequests } from './routing/routing-retry-requests.service';
import { RoutingRetryService } from './routing/routing-retry.service';
import { HouseholdSales } from './sales/household-sales.service';

@Module({
  imports: [RegistryModule, StationsModule, AuthModule, CatalogModule, LedgerModule],
  providers: [
    { provide: PAYMENT_GATEWAY, useClass: SandboxPaymentGateway },
    PaymentJobsService,
    PaymentJobs,
    OrderReader,
    OrderLoaders,
    OrderQueryService,
    OrderPlacementService,
    OrderCancellationService,
    FulfillmentService,
    RoutingRetryService,
    RoutingRetryRequests,
    RoutingRetryJob,
    ReattributionService,
    HouseholdSales,
    OrderResolver,
    OrderFieldsResolver,
    OrderLineFieldsResolver,
    FulfillmentFieldsResolver,
    AllocationFieldsResolver,
    ListingPriceSplitResolver,
   
   
  ],
  exports: [OrderLoaders, RoutingRetryService, HouseholdSales],
})
export class OrdersModule {}
