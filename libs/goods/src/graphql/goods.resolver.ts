import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphQLContext, isId, Page, requireActor, Role, Roles } from '@app/platform';
import { CountyType, RegistryLoaders } from '@app/registry';
import { canSeeGoods } from '../domain/goods-access';
import { GoodsLoaders } from '../goods-loaders.service';
import { GoodsQueryService, toGoodsData } from '../goods-query.service';
import { GoodsService } from '../goods.service';
import { MerchantService, toMerchantData } from '../merchant.service';
import { CreateGoodsInput, CreateMerchantInput, GoodsFilterInput, UpdateGoodsInput } from './goods.inputs';
import { GoodsConnection, GoodsType, MerchantConnection, MerchantType } from './goods.types';

@Resolver(() => GoodsType)
export class GoodsResolver {
  constructor(
    private readonly goodsService: GoodsService,
    private readonly query: GoodsQueryService,
    private readonly loaders: GoodsLoaders,
  ) {}

  @Query(() => GoodsType, { nullable: true, description: 'Goods by id, or null if there are none the caller may see.' })
  async goodsItem(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor | null, @Context() ctx: GraphQLContext): Promise<GoodsType | null> {
    if (!isId(id)) return null;
    const g = await this.loaders.goodsById(ctx, id);
    return g && canSeeGoods(actor, g) ? g : null;
  }

  @Query(() => GoodsConnection, { description: 'Goods on sale (a merchant also sees its own off-sale goods, an admin all), newest first.' })
  goods(
    @CurrentActor() actor: Actor | null,
    @Args('filter', { type: () => GoodsFilterInput, nullable: true }) filter: GoodsFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<GoodsType>> {
    return this.query.page(actor, filter, first, after);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => GoodsType, { description: "Lists goods of the calling merchant's organisation." })
  async createGoods(@CurrentActor() actor: Actor | null, @Args('input') input: CreateGoodsInput): Promise<GoodsType> {
    return toGoodsData(await this.goodsService.create(requireActor(actor), input));
  }

  @Roles(Role.MERCHANT, Role.ADMIN)
  @Mutation(() => GoodsType)
  async updateGoods(@CurrentActor() actor: Actor | null, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateGoodsInput): Promise<GoodsType> {
    return toGoodsData(await this.goodsService.update(requireActor(actor), id, input));
  }

  @Roles(Role.MERCHANT, Role.ADMIN)
  @Mutation(() => GoodsType, { description: 'Adds units to the stock the merchant holds.' })
  async addGoodsStock(
    @CurrentActor() actor: Actor | null,
    @Args('goodsId', { type: () => ID }) goodsId: string,
    @Args('quantity', { type: () => Int }) quantity: number,
  ): Promise<GoodsType> {
    return toGoodsData(await this.goodsService.addStock(requireActor(actor), goodsId, quantity));
  }

  @ResolveField(() => MerchantType)
  async merchant(@Parent() goods: GoodsType, @CurrentActor() actor: Actor | null, @Context() ctx: GraphQLContext): Promise<MerchantType> {
    return toMerchantData((await this.loaders.merchantById(ctx, goods.merchantId))!, actor);
  }
}

@Resolver(() => MerchantType)
export class MerchantResolver {
  constructor(
    private readonly merchantService: MerchantService,
    private readonly registry: RegistryLoaders,
  ) {}

  @Query(() => MerchantType, { nullable: true })
  async merchant(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor | null): Promise<MerchantType | null> {
    const m = await this.merchantService.byId(id);
    return m ? toMerchantData(m, actor) : null;
  }

  @Query(() => MerchantConnection, { description: 'Merchant organisations (of a county), newest first.' })
  async merchants(
    @CurrentActor() actor: Actor | null,
    @Args('countyId', { type: () => ID, nullable: true }) countyId: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<MerchantType>> {
    const page = await this.merchantService.page(countyId, first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toMerchantData(e.node, actor) })), totalCount: page.totalCount } as Page<MerchantType>;
  }

  @Roles(Role.ADMIN)
  @Mutation(() => MerchantType, { description: 'A merchant organisation with its payout account (admins).' })
  async createMerchant(@CurrentActor() actor: Actor | null, @Args('input') input: CreateMerchantInput): Promise<MerchantType> {
    return toMerchantData(await this.merchantService.create(input), actor);
  }

  @ResolveField(() => CountyType)
  async county(@Parent() merchant: MerchantType, @Context() ctx: GraphQLContext): Promise<CountyType> {
    return (await this.registry.county(ctx, merchant.countyId))!;
  }
}
