import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, badInput, clientAddress, CurrentActor, decodeCursor, GraphQLContext, ID_PATTERN, isId, notFound, Page, pageSize, Role, Roles, toPage } from '@app/platform';
import { AccountService } from '../account.service';
import { User } from '../entities/user.entity';
import { toUserData } from '../user-data';
import { AuthPayload, ChangePasswordInput, CreateUserInput, RegisterBuyerInput } from './auth.inputs';
import { UserConnection, UserType } from './user.type';

/**
 * Accounts: anyone registers as a buyer and signs in; a signed-in user changes their password; admins
 * create the other roles' users, disable and re-enable accounts and end their sessions.
 */
@Resolver(() => UserType)
export class AuthResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
  ) {}

  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null when anonymous.' })
  async me(@CurrentActor() actor: Actor | null): Promise<UserType | null> {
    if (!actor) return null;
    const user = await this.dataSource.getRepository(User).findOneBy({ id: actor.userId });
    return user ? toUserData(user) : null;
  }

  @Roles(Role.ADMIN)
  @Query(() => UserConnection, { description: 'Every account, oldest first, optionally of one role (admins only).' })
  async users(
    @Args('role', { type: () => Role, nullable: true }) role: Role | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<UserType>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    const afterId = cursor ? String(cursor[0]) : null;
    if (afterId !== null && !ID_PATTERN.test(afterId)) throw badInput('after', 'not a cursor this list gave out');
    const query = () => {
      const q = this.dataSource.getRepository(User).createQueryBuilder('u');
      if (role) q.andWhere('u.role = :role', { role });
      return q;
    };
    const page = query().orderBy('u.id', 'ASC').take(limit + 1);
    if (afterId) page.andWhere('u.id > :afterId', { afterId });
    const rows = await page.getMany();
    return toPage(rows, limit, (u) => [u.id], toUserData, () => query().getCount());
  }

  @Mutation(() => AuthPayload)
  async registerBuyer(@Args('input') input: RegisterBuyerInput, @Context() ctx: GraphQLContext): Promise<AuthPayload> {
    const { token, user } = await this.accounts.registerBuyer(input, clientAddress(ctx.req));
    return { token, user: { ...toUserData(user), ownAccount: true } };
  }

  @Mutation(() => AuthPayload)
  async login(@Args('email') email: string, @Args('password') password: string, @Context() ctx: GraphQLContext): Promise<AuthPayload> {
    const { token, user } = await this.accounts.login(email, password, clientAddress(ctx.req));
    return { token, user: { ...toUserData(user), ownAccount: true } };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => UserType)
  async createUser(@Args('input') input: CreateUserInput): Promise<UserType> {
    return toUserData(await this.accounts.createUser(input));
  }

  @Roles()
  @Mutation(() => AuthPayload, { description: 'Every token issued before stops working; use the one returned.' })
  async changePassword(@CurrentActor() actor: Actor, @Args('input') input: ChangePasswordInput, @Context() ctx: GraphQLContext): Promise<AuthPayload> {
    const { token, user } = await this.accounts.changePassword(actor, input, clientAddress(ctx.req));
    return { token, user: { ...toUserData(user), ownAccount: true } };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => UserType, { description: 'The account can no longer sign in, and its tokens stop working at once.' })
  async disableUser(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<UserType> {
    if (!isId(id)) throw notFound('User', id, 'id');
    return toUserData(await this.accounts.disableUser(actor, id));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => UserType, { description: 'The account may sign in again (tokens from before it was disabled stay refused).' })
  async enableUser(@Args('id', { type: () => ID }) id: string): Promise<UserType> {
    if (!isId(id)) throw notFound('User', id, 'id');
    return toUserData(await this.accounts.enableUser(id));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => UserType, { description: "Ends every session of the account: its tokens stop working; it may sign in again." })
  async endUserSessions(@Args('id', { type: () => ID }) id: string): Promise<UserType> {
    if (!isId(id)) throw notFound('User', id, 'id');
    return toUserData(await this.accounts.endUserSessions(id));
  }
}

export { toUserData };
