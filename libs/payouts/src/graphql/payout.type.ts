import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, FenScalar } from '@app/platform';
import { PayeeKind, PayoutStatus } from '../domain/enums';
import { PayoutData } from '../domain/payout';

registerEnumType(PayoutStatus, { name: 'PayoutStatus' });
registerEnumType(PayeeKind, { name: 'PayeeKind' });

@ObjectType('Payout')
export class PayoutType implements PayoutData {
  @Field(() => ID) id: string;
  @Field(() => PayeeKind) payeeKind: PayeeKind;
  @Field(() => FenScalar) amountFen: number;
  @Field(() => PayoutStatus) status: PayoutStatus;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) paidAt: Date | null;
  /** Loaded by the household and station field resolvers. */
  householdId: string | null;
  stationId: string | null;
  merchantId: string | null;
}

@ObjectType('PayoutConnection')
export class PayoutConnection extends ConnectionType(PayoutType, 'Payout') {}

@ObjectType('SettlementRun')
export class SettlementRunType {
  @Field(() => ID) id: string;
  @Field({ description: 'When the run started (its transaction began).' }) ranAt: Date;
  @Field(() => Int) payoutsCreated: number;
  @Field(() => FenScalar) amountFen: number;
}

@ObjectType('SettlementRunConnection')
export class SettlementRunConnection extends ConnectionType(SettlementRunType, 'SettlementRun') {}
