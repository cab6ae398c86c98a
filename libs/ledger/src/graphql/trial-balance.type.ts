import { Field, ObjectType } from '@nestjs/graphql';
import { FenAmount, FenScalar } from '@app/platform';

@ObjectType('LedgerAccountBalance')
export class LedgerAccountBalanceType {
  @Field() code: string;
  @Field(() => FenScalar) debitsFen: FenAmount;
  @Field(() => FenScalar) creditsFen: FenAmount;
}

@ObjectType('TrialBalance')
export class TrialBalanceType {
  @Field(() => FenScalar) totalDebitsFen: FenAmount;
  @Field(() => FenScalar) totalCreditsFen: FenAmount;
  @Field() balanced: boolean;
  @Field(() => [LedgerAccountBalanceType]) accounts: LedgerAccountBalanceType[];
}
