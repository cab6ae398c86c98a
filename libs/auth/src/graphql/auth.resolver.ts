import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, clientAddress, CurrentActor, GraphQLContext, Role, Roles } from '@app/platform';
import { AccountService } from '../account.service';
import { User } from '../entities/user.entity';
import { AuthPayload, CreateUserInput, RegisterBuyerInput } from './auth.inputs';
import { toUserType, UserType } from './user.type';

/** Accounts: anyone registers as a buyer and signs in; admins create the other roles' users. */
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
    return user ? toUserType(user) : null;
  }

  @Mutation(() => AuthPayload)
  async registerBuyer(@Args('input') input: RegisterBuyerInput, @Context() ctx: GraphQLContext): Promise<AuthPayload> {
    const { token, user } = await this.accounts.registerBuyer(input, clientAddress(ctx.req));
    return { token, user: toUserType(user) };
  }

  @Mutation(() => AuthPayload)
  async login(@Args('email') email: string, @Args('password') password: string, @Context() ctx: GraphQLContext): Promise<AuthPayload> {
    const { token, user } = await this.accounts.login(email, password, clientAddress(ctx.req));
    return { token, user: toUserType(user) };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => UserType)
  async createUser(@Args('input') input: CreateUserInput): Promise<UserType> {
    return toUserType(await this.accounts.createUser(input));
  }
}

export { toUserType };
