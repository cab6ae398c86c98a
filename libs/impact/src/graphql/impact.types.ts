import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, FenAmount, FenScalar } from '@app/platform';

export enum ImpactInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(ImpactInterval, { name: 'Interval', description: 'Asia/Shanghai calendar periods; weeks start on Monday.' });

@ObjectType('ImpactSummary', { description: 'Over the counted allocations: those of DELIVERED fulfilments of orders placed in the range.' })
export class ImpactSummaryType {
  @Field(() => Int) ordersCount: number;
  @Field(() => FenScalar) grossSalesFen: FenAmount;
  @Field(() => FenScalar) supplierIncomeFen: FenAmount;
  @Field(() => FenScalar, { description: "Supplier income of allocations whose household was REGISTERED_POOR when the order was placed (by the status history as it stands now)." })
  incomeToRegisteredPoorFen: FenAmount;
  @Field(() => FenScalar, { description: 'Supplier income whose household payout is PAID.' })
  paidOutFen: FenAmount;
  @Field(() => Int) villagesReached: number;
  @Field(() => Int, { description: 'Villages with a counted allocation made while the village was poverty-stricken.' })
  povertyStrickenVillagesReached: number;
  @Field(() => Int) householdsReached: number;
  @Field(() => Int, { description: 'Households with a counted allocation made while they were REGISTERED_POOR.' })
  registeredPoorHouseholdsReached: number;
  // registeredPoorHouseholds, registeredPoorEarningAboveLine, registeredPoorEarningAboveLineShare: field resolvers
}

/** The poverty-line fields of the summary and of a village's row ("earning their way out"). */
export const LINE_DESCRIPTIONS = {
  registeredPoorHouseholds: 'Households REGISTERED_POOR now in scope (the county; with a station, the villages it serves; for a village row, the village).',
  registeredPoorEarningAboveLine:
    "Of registeredPoorHouseholds, those whose supplier net from counted allocations (any station) placed in the 365 days before the range's end (or now) is at least members x the county's poverty line.",
  registeredPoorEarningAboveLineShare: 'registeredPoorEarningAboveLine / registeredPoorHouseholds (0 when there are none).',
};

@ObjectType('HouseholdIncome', { description: "A household's marketplace income against its county's poverty line over the 365 days before now." })
export class HouseholdIncomeType {
  @Field(() => Date) from: Date;
  @Field(() => Date) to: Date;
  @Field(() => FenScalar, { description: 'Supplier net of its counted allocations placed in [from, to).' }) supplierNetFen: number;
  @Field(() => FenScalar, { description: 'supplierNetFen / members, rounded down.' }) perMemberFen: number;
  @Field(() => FenScalar, { description: "The county's line, fen a person a year." }) povertyLineFen: number;
  @Field({ description: 'supplierNetFen >= members x povertyLineFen.' }) reachesLine: boolean;
}

@ObjectType('VillageImpact')
export class VillageImpactType {
  // village: field resolver (RegistryLoaders)
  villageId: string;
  @Field(() => Int) householdsReached: number;
  @Field(() => Int) registeredPoorHouseholdsReached: number;
  @Field(() => FenScalar) grossSalesFen: FenAmount;
  @Field(() => FenScalar) supplierIncomeFen: FenAmount;
  @Field(() => FenScalar) incomeToRegisteredPoorFen: FenAmount;
  @Field(() => Int, { description: 'Distinct orders with a counted allocation of the village.' })
  ordersCount: number;
  @Field(() => FenScalar, { description: 'Supplier income whose household payout is PAID.' })
  paidOutFen: FenAmount;
}

@ObjectType('VillageImpactConnection')
export class VillageImpactConnection extends ConnectionType(VillageImpactType, 'VillageImpact') {}

@ObjectType('ImpactPoint')
export class ImpactPointType {
  @Field(() => Date, { description: 'The start of the Asia/Shanghai day, week (Monday) or month.' }) periodStart: Date;
  @Field(() => FenScalar) supplierIncomeFen: FenAmount;
  @Field(() => FenScalar) incomeToRegisteredPoorFen: FenAmount;
  @Field(() => Int) villagesReached: number;
  @Field(() => Int, { description: 'Distinct villages reached from the start of the range to the end of this period.' })
  cumulativeVillagesReached: number;
}
