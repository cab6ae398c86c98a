import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphQLContext, Role, Roles } from '@app/platform';
import { CountyType, RegistryLoaders } from '@app/registry';
import { FinancePolicy } from '../access/finance.policy';
import { CreditPolicy } from '../domain/credit-policy';
import { CountyFund } from '../entities/credit-policy.entity';
import { LendingService } from '../lending.service';
import { CountyFundsType, CreditMonthType, CreditPolicyType, LendingInstitutionType } from './finance.types';
import { CreditReportService } from '../credit-report.service';
import { CreateLendingInstitutionInput, SetCreditPolicyInput, TopUpCountyFundInput } from './finance.inputs';

const toPolicyType = (countyId: string, p: CreditPolicy & { isDefault: boolean }): CreditPolicyType => ({
  countyId,
  linesFen: { ...p.linesFen },
  annualRateBps: p.annualRateBps,
  subsidyShareBps: p.subsidyShareBps,
  fundCoverageBps: p.fundCoverageBps,
  isDefault: p.isDefault,
});

const toFundsType = (f: CountyFund): CountyFundsType => ({
  countyId: String(f.countyId),
  riskBalanceFen: f.riskBalanceFen,
  subsidyBalanceFen: f.subsidyBalanceFen,
  riskPaidFen: f.riskPaidFen,
  subsidyPaidFen: f.subsidyPaidFen,
});

/** Lending institutions (admins), county credit policies and funds (officials of the county). */
@Resolver(() => LendingInstitutionType)
export class LendingResolver {
  constructor(
    private readonly lending: LendingService,
    private readonly registry: RegistryLoaders,
    private readonly policy: FinancePolicy,
    private readonly reports: CreditReportService,
  ) {}

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.LENDER)
  @Query(() => [CreditMonthType], {
    description: "Credit figures per month (YYYY-MM, Asia/Shanghai) for the county: admins, its officials, and its lenders (their institution's loans). At most 120 months.",
  })
  creditReport(
    @CurrentActor() actor: Actor,
    @Args('countyId', { type: () => ID }) countyId: string,
    @Args('from', { type: () => String, nullable: true }) from: string | null,
    @Args('to', { type: () => String, nullable: true }) to: string | null,
  ): Promise<CreditMonthType[]> {
    return this.reports.months(actor, countyId, from, to);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => LendingInstitutionType, { description: 'A lending institution (a rural credit cooperative) with the counties it lends in. Admins only.' })
  createLendingInstitution(@Args('input') input: CreateLendingInstitutionInput): Promise<LendingInstitutionType> {
    return this.lending.createInstitution(input.name, input.countyIds);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => LendingInstitutionType, { description: 'Makes a LENDER user an officer of the institution. Admins only.' })
  addLenderOfficer(@Args('institutionId', { type: () => ID }) institutionId: string, @Args('userId', { type: () => ID }) userId: string): Promise<LendingInstitutionType> {
    return this.lending.addOfficer(institutionId, userId);
  }

  @Roles(Role.ADMIN, Role.LENDER)
  @Query(() => [LendingInstitutionType], { description: 'All institutions for admins; its own for a lender.' })
  lendingInstitutions(@CurrentActor() actor: Actor): Promise<LendingInstitutionType[]> {
    return this.lending.institutions(actor);
  }

  @ResolveField(() => [CountyType])
  async counties(@Parent() institution: LendingInstitutionType, @Context() ctx: GraphQLContext): Promise<CountyType[]> {
    const counties = await Promise.all(institution.countyIds.map((id) => this.registry.county(ctx, id)));
    return counties.filter((c): c is CountyType => c !== null);
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR, Role.LENDER)
  @Query(() => CreditPolicyType, { description: "The county's credit policy (the defaults until its officials set one: lines AAA 50,000 / AA 30,000 / A 20,000 / B 10,000 / C 0 yuan, 4.35% a year, 100% of the interest subsidised, 70% risk coverage)." })
  async creditPolicy(@Args('countyId', { type: () => ID }) countyId: string): Promise<CreditPolicyType> {
    return toPolicyType(countyId, await this.lending.creditPolicy(countyId));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => CreditPolicyType, { description: "Sets the county's credit lines, rate, subsidised share and fund coverage. Officials of the county, admins." })
  async setCreditPolicy(@CurrentActor() actor: Actor, @Args('input') input: SetCreditPolicyInput): Promise<CreditPolicyType> {
    const { countyId, ...rest } = input;
    return toPolicyType(countyId, await this.lending.setCreditPolicy(actor, countyId, rest));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.LENDER)
  @Query(() => CountyFundsType, { description: "The county's risk-compensation and subsidy funds." })
  async countyFunds(@CurrentActor() actor: Actor, @Args('countyId', { type: () => ID }) countyId: string): Promise<CountyFundsType> {
    await this.policy.assertCountyReader(actor, countyId);
    return toFundsType(await this.lending.funds(countyId));
  }

  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  @Mutation(() => CountyFundsType, { description: "Tops up the county's risk or subsidy fund (a ledger entry against the county's grant). Officials of the county, admins." })
  async topUpCountyFund(@CurrentActor() actor: Actor, @Args('input') input: TopUpCountyFundInput): Promise<CountyFundsType> {
    return toFundsType(await this.lending.topUp(actor, input.countyId, input.fund, input.amountFen));
  }
}
