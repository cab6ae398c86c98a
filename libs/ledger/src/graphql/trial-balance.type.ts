import { Field, ObjectType } from '@nestjs/graphql';
import { FenScalar } from '@app/platform';

@ObjectType('LedgerAccountBalance')
export class LedgerAccountBalanceType {
  @Field() code: string;
  @Field(() => FenScalar) debitsFen: number;
  @Field(() => FenScalar) creditsFen: number;
}

@ObjectType('TrialBalance')
export class TrialBalanceType {
  @Field(() => FenScalar) totalDebitsFen: number;
  @Field(() => FenScalar) totalCreditsFen: number;
  @Field() balanced: boolean;
  @Field(() => [LedgerAccountBalanceType]) accounts: LedgerAccountBalanceType[];
}
