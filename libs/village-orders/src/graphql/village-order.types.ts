import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, FenScalar } from '@app/platform';
import { GoodsKind } from '@app/goods';
import { VillageOrderStatus } from '../domain/enums';
import { StationCashPositionData } from '../domain/station-cash';

registerEnumType(VillageOrderStatus, { name: 'VillageOrderStatus' });

@ObjectType('VillageOrderLine')
export class VillageOrderLineType {
  @Field(() => ID) id: string;
  @Field(() => ID) goodsId: string;
  @Field({ description: 'The title when ordered.' }) title: string;
  @Field(() => GoodsKind) kind: GoodsKind;
  @Field(() => Int) quantity: number;
  @Field(() => FenScalar) unitPriceFen: number;
  @Field(() => FenScalar) lineTotalFen: number;
}

/**
 * Goods ordered at a station for a villager. station, village, merchant, household and lines are field
 * resolvers; the villager's identity (household, villagerName) is null for the merchant.
 */
@ObjectType('VillageOrder')
export class VillageOrderType {
  @Field(() => ID) id: string;
  @Field(() => VillageOrderStatus) status: VillageOrderStatus;
  @Field(() => String, { nullable: true }) villagerName: string | null;
  @Field(() => FenScalar) totalFen: number;
  @Field(() => FenScalar) depositFen: number;
  @Field(() => FenScalar, { description: 'Cash still to take at pickup.' }) balanceDueFen: number;
  @Field(() => FenScalar) stationCommissionFen: number;
  @Field(() => FenScalar) platformFeeFen: number;
  @Field(() => FenScalar) merchantNetFen: number;
  @Field() placedAt: Date;
  @Field(() => Date, { nullable: true }) shippedAt: Date | null;
  @Field(() => Date, { nullable: true }) receivedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the goods go back if not collected (receivedAt + PICKUP_DAYS).' }) pickupDueAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Set after five wrong pickup codes: no pickup before then.' }) pickupLockedUntil: Date | null;
  @Field(() => Date, { nullable: true }) collectedAt: Date | null;
  @Field(() => Date, { nullable: true }) returnedAt: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
  stationId: string;
  countyId: string;
  villageId: string;
  householdId: string | null;
  merchantId: string;
}

@ObjectType('VillageOrderConnection')
export class VillageOrderConnection extends ConnectionType(VillageOrderType, 'VillageOrder') {}

@ObjectType('PlaceVillageOrderPayload')
export class PlaceVillageOrderPayload {
  @Field(() => VillageOrderType) villageOrder: VillageOrderType;
  @Field({ description: 'The six-digit code the villager shows at pickup. Shown this once: only a salted hash is kept.' })
  pickupCode: string;
}

@ObjectType('StationCashPosition')
export class StationCashPositionType implements StationCashPositionData {
  @Field(() => FenScalar, { description: 'Cash taken from villagers (deposits and payments at pickup), less refunds.' }) takenFen: number;
  @Field(() => FenScalar, { description: 'Cash handed to the county bank.' }) remittedFen: number;
  @Field(() => FenScalar, { description: 'Cash the operator holds: taken minus remitted.' }) onHandFen: number;
  stationId: string;
}

@ObjectType('CashRemittance')
export class CashRemittanceType {
  @Field(() => ID) id: string;
  @Field(() => FenScalar) amountFen: number;
  @Field() remittedAt: Date;
  @Field(() => StationCashPositionType, { description: 'The station cash position after it.' }) position: StationCashPositionType;
}

