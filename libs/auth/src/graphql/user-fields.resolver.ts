import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, GraphQLContext, Role } from '@app/platform';
import { CountyType, RegistryLoaders } from '@app/registry';
import { ServiceStationType, StationLoaders } from '@app/stations';
import { UserType } from './user.type';

/** What anyone but the user and admins reads in place of the email (the contract's field is non-null). */
export const HIDDEN_EMAIL = '***';

/** The caller, as the auth guard put it on the request. */
const actorIn = (ctx: GraphQLContext): Actor | null => (ctx.req?.actor as Actor | null | undefined) ?? null;

/**
 * Whose account details a caller may read: its own, and an admin anyone's. Everyone else who reaches
 * a user (an operator through Order.buyer, say) sees its id, name and role, never its email or state.
 */
export function maySeeAccount(actor: Actor | null, user: Pick<UserType, 'id' | 'ownAccount'>): boolean {
  if (user.ownAccount) return true;
  return actor !== null && (actor.role === Role.ADMIN || actor.userId === user.id);
}

/**
 * User.email and User.disabledAt for those who may see them (maySeeAccount), User.station
 * (operators) and User.county (officials) through the request's DataLoaders.
 */
@Resolver(() => UserType)
export class UserFieldsResolver {
  constructor(
    private readonly stations: StationLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @ResolveField(() => String, { description: `The account's email: for the user and admins; '${HIDDEN_EMAIL}' for anyone else.` })
  email(@Parent() user: UserType, @Context() ctx: GraphQLContext): string {
    return maySeeAccount(actorIn(ctx), user) ? user.email : HIDDEN_EMAIL;
  }

  @ResolveField(() => Date, { nullable: true, description: 'When an admin disabled the account; null while it may sign in (and for anyone but the user and admins).' })
  disabledAt(@Parent() user: UserType, @Context() ctx: GraphQLContext): Date | null {
    return maySeeAccount(actorIn(ctx), user) ? user.disabledAt : null;
  }

  @ResolveField(() => ServiceStationType, { nullable: true })
  station(@Parent() user: UserType, @Context() ctx: GraphQLContext): Promise<ServiceStationType | null> | null {
    return user.stationId ? this.stations.station(ctx, user.stationId) : null;
  }

  @ResolveField(() => CountyType, { nullable: true })
  county(@Parent() user: UserType, @Context() ctx: GraphQLContext): Promise<CountyType | null> | null {
    return user.countyId ? this.registry.county(ctx, user.countyId) : null;
  }
}
