import { Inject } from '@nestjs/common';
import { Field, Int, ObjectType, ResolveField, Resolver } from '@nestjs/graphql';
import { ListingType } from '@app/catalog';
import { APP_CONFIG, AppConfig, FenScalar, GraphQLContext, notFound } from '@app/platform';
import { StationLoaders } from '@app/stations';
import { computeAllocationAmounts } from '../domain/fees';

@ObjectType('PriceSplit', {
  description:
    "Where one unit's price goes by the fee rules: the station's commission and the platform fee (each floored), the rest to the supplying households.",
})
export class PriceSplitType {
  @Field(() => FenScalar) priceFen: number;
  @Field(() => FenScalar, { description: 'What reaches the supplying households (supplierNetFen).' }) householdsFen: number;
  @Field(() => FenScalar) stationCommissionFen: number;
  @Field(() => FenScalar) platformFeeFen: number;
  @Field(() => Int, { description: "The station's commission rate now (an order keeps the rate of its placement)." }) stationCommissionBps: number;
  @Field(() => Int) platformFeeBps: number;
}

/** Listing.priceSplit: the fee arithmetic of an allocation of one unit, as the orders domain books it. */
@Resolver(() => ListingType)
export class ListingPriceSplitResolver {
  constructor(
    private readonly stations: StationLoaders,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Plain (parent, args, context) arguments, as the catalog's own listing fields: no pipes per listing.
  @ResolveField(() => PriceSplitType, { description: "Of one unit's price: how much reaches the households, the station and the platform." })
  async priceSplit(listing: ListingType, _args: unknown, ctx: GraphQLContext): Promise<PriceSplitType> {
    const station = await this.stations.station(ctx, listing.stationId);
    if (!station) throw notFound('Station', listing.stationId);
    const platformFeeBps = this.config.platformFeeBps;
    const amounts = computeAllocationAmounts(1, listing.priceFen, station.commissionBps, platformFeeBps);
    return {
      priceFen: amounts.grossFen,
      householdsFen: amounts.supplierNetFen,
      stationCommissionFen: amounts.stationCommissionFen,
      platformFeeFen: amounts.platformFeeFen,
      stationCommissionBps: station.commissionBps,
      platformFeeBps,
    };
  }
}
