import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, FenScalar } from '@app/platform';
import { PayeeKind, PayoutStatus } from '../entities/enums';

registerEnumType(PayoutStatus, { name: 'PayoutStatus' });
registerEnumType(PayeeKind, { name: 'PayeeKind' });

@ObjectType('Payout')
export class PayoutType {
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

/** A payouts row as `SELECT p.*` returns it. */
export interface PayoutRow {
  id: string;
  payee_kind: PayeeKind;
  household_id: string | null;
  station_id: string | null;
  merchant_id: string | null;
  amount_fen: string;
  status: PayoutStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  paid_at: Date | null;
}

export function toPayoutType(row: PayoutRow): PayoutType {
  return {
    id: String(row.id),
    payeeKind: row.payee_kind,
    householdId: row.household_id === null ? null : String(row.household_id),
    stationId: row.station_id === null ? null : String(row.station_id),
    merchantId: row.merchant_id == null ? null : String(row.merchant_id),
    amountFen: Number(row.amount_fen),
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    paidAt: row.paid_at,
  };
}
