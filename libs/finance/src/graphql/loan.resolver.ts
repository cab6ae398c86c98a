import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphQLContext, pageSize, Role, Roles, toPage } from '@app/platform';
import { HouseholdType, RegistryLoaders } from '@app/registry';
import { CreditAssessmentService } from '../credit-assessment.service';
import { LoanStatus } from '../entities/enums';
import { LoanRepaymentService } from '../loan-repayment.service';
import { LoanServicingService } from '../loan-servicing.service';
import { LoanService } from '../loan.service';
import { ApplyForLoanInput, RecordCashRepaymentInput, RecordCreditAssessmentInput } from './finance.inputs';
import {
  CreditAssessmentConnection,
  CreditAssessmentType,
  LoanConnection,
  LoanInstalmentType,
  LoanServicingResultType,
  LoanType,
  WithholdingConsentType,
} from './finance.types';
import { toAssessmentType, toInstalmentType, toLoanType } from './mappers';

const FIELD_OFFICERS = [Role.STATION_OPERATOR, Role.COUNTY_OFFICIAL];
const CREDIT_READERS = [Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR, Role.LENDER];

/** Credit assessments and loans: field officers record and recommend, lenders decide, stations take cash. */
@Resolver(() => LoanType)
export class LoanResolver {
  constructor(
    private readonly assessments: CreditAssessmentService,
    private readonly loanService: LoanService,
    private readonly repayments: LoanRepaymentService,
    private readonly servicing: LoanServicingService,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(...FIELD_OFFICERS)
  @Mutation(() => CreditAssessmentType, { description: "Records a credit assessment, scored now: an operator of a station serving the household's village, or an official of its county." })
  async recordCreditAssessment(@CurrentActor() actor: Actor, @Args('input') input: RecordCreditAssessmentInput): Promise<CreditAssessmentType> {
    return toAssessmentType(await this.assessments.record(actor, input));
  }

  @Roles(...CREDIT_READERS)
  @Query(() => CreditAssessmentConnection, { description: "A household's assessments, newest first." })
  async creditAssessments(
    @CurrentActor() actor: Actor,
    @Args('householdId', { type: () => ID }) householdId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<CreditAssessmentConnection> {
    const limit = pageSize(first);
    const { rows, count } = await this.assessments.history(actor, householdId, limit, after);
    return toPage(rows, limit, (a) => [String(a.id)], toAssessmentType, count) as CreditAssessmentConnection;
  }

  @Roles(...FIELD_OFFICERS)
  @Mutation(() => LoanType, { description: 'A three-exemption loan application, recommended by an operator or official of the household; refused with the reason unless eligible.' })
  async applyForLoan(@CurrentActor() actor: Actor, @Args('input') input: ApplyForLoanInput): Promise<LoanType> {
    return toLoanType(await this.loanService.apply(actor, input));
  }

  @Roles(Role.LENDER)
  @Mutation(() => LoanType, { description: 'Approves a SUBMITTED loan (a lender of its county): writes the schedule and queues the disbursement.' })
  async approveLoan(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<LoanType> {
    return toLoanType(await this.loanService.approve(actor, id));
  }

  @Roles(Role.LENDER)
  @Mutation(() => LoanType, { description: 'Rejects a SUBMITTED loan (a lender of its county), with the reason.' })
  async rejectLoan(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('reason') reason: string): Promise<LoanType> {
    return toLoanType(await this.loanService.reject(actor, id, reason.trim().slice(0, 500)));
  }

  @Roles(...FIELD_OFFICERS)
  @Mutation(() => WithholdingConsentType, { description: "Records the household's consent (or its withdrawal) to repay due instalments from its sales at settlement." })
  async setWithholdingConsent(
    @CurrentActor() actor: Actor,
    @Args('householdId', { type: () => ID }) householdId: string,
    @Args('consented') consented: boolean,
  ): Promise<WithholdingConsentType> {
    const c = await this.loanService.setConsent(actor, householdId, consented);
    return { householdId: String(c.householdId), consented: c.consented, updatedAt: c.updatedAt };
  }

  @Roles(Role.STATION_OPERATOR)
  @Mutation(() => LoanType, { description: "A cash repayment taken at the station (an operator of a station serving the household's village), applied oldest instalment first." })
  async recordCashRepayment(@CurrentActor() actor: Actor, @Args('input') input: RecordCashRepaymentInput): Promise<LoanType> {
    return toLoanType(await this.repayments.cash(actor, input.loanId, input.amountFen));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => LoanServicingResultType, { description: 'Runs loan servicing now (subsidies fallen due, OVERDUE and DEFAULTED moves), as the schedule does. Admins only.' })
  runLoanServicing(): Promise<LoanServicingResultType> {
    return this.servicing.run();
  }

  @Roles(...CREDIT_READERS)
  @Query(() => LoanType, { nullable: true })
  async loan(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<LoanType> {
    return toLoanType(await this.loanService.loan(actor, id));
  }

  @Roles(...CREDIT_READERS)
  @Query(() => LoanConnection, { description: 'Loans the caller may see (admins all; officials their county; operators the villages their station serves; lenders their counties), newest first.' })
  async loans(
    @CurrentActor() actor: Actor,
    @Args('countyId', { type: () => ID, nullable: true }) countyId: string | null,
    @Args('householdId', { type: () => ID, nullable: true }) householdId: string | null,
    @Args('status', { type: () => LoanStatus, nullable: true }) status: LoanStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<LoanConnection> {
    const limit = pageSize(first);
    const { rows, count } = await this.loanService.list(actor, { countyId, householdId, status }, limit, after);
    return toPage(rows, limit, (l) => [String(l.id)], toLoanType, count) as LoanConnection;
  }

  @ResolveField(() => HouseholdType)
  async household(@Parent() loan: LoanType, @Context() ctx: GraphQLContext): Promise<HouseholdType | null> {
    return this.registry.household(ctx, loan.householdId);
  }

  @ResolveField(() => [LoanInstalmentType])
  async instalments(@Parent() loan: LoanType): Promise<LoanInstalmentType[]> {
    return (await this.loanService.instalments(loan.id)).map(toInstalmentType);
  }

  @ResolveField(() => Boolean, { description: 'Whether the household consents to repay from its sales.' })
  withholdingConsent(@Parent() loan: LoanType): Promise<boolean> {
    return this.loanService.consent(loan.householdId);
  }
}

@Resolver(() => CreditAssessmentType)
export class CreditAssessmentFieldsResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => HouseholdType)
  async household(@Parent() a: CreditAssessmentType, @Context() ctx: GraphQLContext): Promise<HouseholdType | null> {
    return this.registry.household(ctx, a.householdId);
  }
}
