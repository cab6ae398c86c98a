import { Context, Float, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphQLContext, loader } from '@app/platform';
import { HouseholdType, RegistryPolicy } from '@app/registry';
import DataLoader from 'dataloader';
import { ImpactScope } from '../domain/impact-access';
import { LineCount, PovertyLineService } from '../query/poverty-line.service';
import { HouseholdIncomeType, ImpactSummaryType, LINE_DESCRIPTIONS, VillageImpactType } from './impact.types';

/** What the summary's and village rows' poverty-line fields need, carried on the parent (no GraphQL field). */
export interface LineContext {
  lineScope: ImpactScope;
  asOf: Date;
}

const share = (c: LineCount) => (c.registeredPoor === 0 ? 0 : c.aboveLine / c.registeredPoor);

/** The summary's poverty-line fields, computed once per summary and only when asked for. */
@Resolver(() => ImpactSummaryType)
export class SummaryLineResolver {
  constructor(private readonly lines: PovertyLineService) {}

  private counts(parent: ImpactSummaryType & Partial<LineContext> & { lineCount?: Promise<LineCount> }): Promise<LineCount> {
    parent.lineCount ??= this.lines.count(parent.lineScope!, parent.asOf!);
    return parent.lineCount;
  }

  @ResolveField(() => Int, { description: LINE_DESCRIPTIONS.registeredPoorHouseholds })
  async registeredPoorHouseholds(@Parent() parent: ImpactSummaryType): Promise<number> {
    return (await this.counts(parent)).registeredPoor;
  }

  @ResolveField(() => Int, { description: LINE_DESCRIPTIONS.registeredPoorEarningAboveLine })
  async registeredPoorEarningAboveLine(@Parent() parent: ImpactSummaryType): Promise<number> {
    return (await this.counts(parent)).aboveLine;
  }

  @ResolveField(() => Float, { description: LINE_DESCRIPTIONS.registeredPoorEarningAboveLineShare })
  async registeredPoorEarningAboveLineShare(@Parent() parent: ImpactSummaryType): Promise<number> {
    return share(await this.counts(parent));
  }
}

/** A village row's poverty-line fields, one query for the page's villages. */
@Resolver(() => VillageImpactType)
export class VillageLineResolver {
  constructor(private readonly lines: PovertyLineService) {}

  private counts(ctx: GraphQLContext, parent: VillageImpactType & Partial<LineContext>): Promise<LineCount> {
    const asOf = parent.asOf!;
    return loader(ctx, `impact.villageLine.${asOf.getTime()}`, () =>
      new DataLoader<string, LineCount>(async (ids) => {
        const counts = await this.lines.countByVillage([...ids], asOf);
        return ids.map((id) => counts.get(id) ?? { registeredPoor: 0, aboveLine: 0 });
      }),
    ).load(parent.villageId);
  }

  @ResolveField(() => Int, { description: LINE_DESCRIPTIONS.registeredPoorHouseholds })
  async registeredPoorHouseholds(@Parent() parent: VillageImpactType, @Context() ctx: GraphQLContext): Promise<number> {
    return (await this.counts(ctx, parent)).registeredPoor;
  }

  @ResolveField(() => Int, { description: LINE_DESCRIPTIONS.registeredPoorEarningAboveLine })
  async registeredPoorEarningAboveLine(@Parent() parent: VillageImpactType, @Context() ctx: GraphQLContext): Promise<number> {
    return (await this.counts(ctx, parent)).aboveLine;
  }

  @ResolveField(() => Float, { description: LINE_DESCRIPTIONS.registeredPoorEarningAboveLineShare })
  async registeredPoorEarningAboveLineShare(@Parent() parent: VillageImpactType, @Context() ctx: GraphQLContext): Promise<number> {
    return share(await this.counts(ctx, parent));
  }
}

/** Household.incomeAgainstPovertyLine: visible as the household's personal data is. */
@Resolver(() => HouseholdType)
export class HouseholdIncomeResolver {
  constructor(
    private readonly lines: PovertyLineService,
    private readonly policy: RegistryPolicy,
  ) {}

  @ResolveField(() => HouseholdIncomeType, {
    nullable: true,
    description: "Its marketplace income of the last 365 days against its county's poverty line. Visible as registryNumber is.",
  })
  async incomeAgainstPovertyLine(@Parent() household: HouseholdType, @Context() ctx: GraphQLContext, @CurrentActor() actor: Actor | null): Promise<HouseholdIncomeType | null> {
    if (!(await this.policy.maySeePersonalData(ctx, actor, household))) return null;
    return this.lines.household(household.id, new Date());
  }
}
