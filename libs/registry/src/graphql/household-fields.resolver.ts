import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphQLContext } from '@app/platform';
import { RegistryPolicy } from '../access/registry.policy';
import { maskAccount } from '../domain/status-history';
import { PovertyHistoryService } from '../poverty-history.service';
import { RegistryLoaders } from '../registry-loaders.service';
import { PovertyStatusEntryType } from './history.types';
import { required } from './geography-fields.resolver';
import { HouseholdType, VillageType } from './registry.types';

/**
 * Household.village and the personal fields. The personal fields are null unless the caller may see
 * them (RegistryPolicy.maySeePersonalData); the payout account is only ever returned masked.
 */
@Resolver(() => HouseholdType)
export class HouseholdFieldsResolver {
  constructor(
    private readonly loaders: RegistryLoaders,
    private readonly policy: RegistryPolicy,
    private readonly histories: PovertyHistoryService,
  ) {}

  @ResolveField(() => [PovertyStatusEntryType], {
    nullable: true,
    description: 'Its poverty-status history, oldest first, with who recorded each entry and when. Visible as registryNumber is.',
  })
  async statusHistory(@Parent() household: HouseholdType, @Context() ctx: GraphQLContext, @CurrentActor() actor: Actor | null): Promise<PovertyStatusEntryType[] | null> {
    return (await this.policy.maySeePersonalData(ctx, actor, household)) ? this.histories.householdHistory(ctx, household.id) : null;
  }

  @ResolveField(() => VillageType)
  async village(@Parent() household: HouseholdType, @Context() ctx: GraphQLContext): Promise<VillageType> {
    return required(await this.loaders.village(ctx, household.villageId), 'Village', household.villageId);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Registry (card-filed) number. Visible to admins, officials of its county and operators of a station serving its village.',
  })
  async registryNumber(@Parent() household: HouseholdType, @Context() ctx: GraphQLContext, @CurrentActor() actor: Actor | null): Promise<string | null> {
    return (await this.policy.maySeePersonalData(ctx, actor, household)) ? household.privateRegistryNumber : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Visible as registryNumber is.' })
  async headName(@Parent() household: HouseholdType, @Context() ctx: GraphQLContext, @CurrentActor() actor: Actor | null): Promise<string | null> {
    return (await this.policy.maySeePersonalData(ctx, actor, household)) ? household.privateHeadName : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "Masked payout account, e.g. '****1234'; null for those who may not see the household's details.",
  })
  async payoutAccountMasked(@Parent() household: HouseholdType, @Context() ctx: GraphQLContext, @CurrentActor() actor: Actor | null): Promise<string | null> {
    return (await this.policy.maySeePersonalData(ctx, actor, household)) ? maskAccount(household.privatePayoutAccount) : null;
  }
}
