import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { createGoods } from './goods-fixtures';

const GOODS_FIELDS = `id title kind unit priceFen stock active merchant { id name payoutAccountMasked county { id } }`;

describe('merchants and goods', () => {
  let api: TestApi;
  let world: World;

  beforeAll(async () => {
    api = await startTestApi({ rateLimitLoginPerMinute: 0 });
    world = await createWorld(api.db.pool, api.config);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('an admin creates a merchant with a payout account, stored whole and shown masked only to those who may see it', async () => {
    const r = await api.gql(
      `mutation ($input: CreateMerchantInput!) { createMerchant(input: $input) { id name payoutAccountMasked county { id } } }`,
      { input: { name: '涉县电商产业园手机专营店', countyId: world.county.id, payoutAccount: '6228480000123456' } },
      world.users.admin.token,
    );
    expect(r.errors).toBeUndefined();
    const merchant = r.data!.createMerchant;
    expect(merchant).toMatchObject({ name: '涉县电商产业园手机专营店', payoutAccountMasked: '****3456', county: { id: world.county.id } });
    const { rows } = await api.db.pool.query(`SELECT payout_account FROM merchants WHERE id = $1`, [merchant.id]);
    expect(rows[0].payout_account).toBe('6228480000123456');

    const Q = `query ($id: ID!) { merchant(id: $id) { name payoutAccountMasked } }`;
    expect((await api.gql(Q, { id: merchant.id })).data!.merchant).toEqual({ name: '涉县电商产业园手机专营店', payoutAccountMasked: null });
    expect((await api.gql(Q, { id: merchant.id }, world.users.operator.token)).data!.merchant.payoutAccountMasked).toBeNull();
    expect((await api.gql(Q, { id: merchant.id }, world.users.otherOfficial.token)).data!.merchant.payoutAccountMasked).toBeNull();
    expect((await api.gql(Q, { id: merchant.id }, world.users.official.token)).data!.merchant.payoutAccountMasked).toBe('****3456');

    // A merchant user is bound to an existing merchant, and only merchant users are.
    const user = (input: Record<string, unknown>) =>
      api.gql(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id role } }`, { input: { email: `m${Math.random()}@x.cn`, password: 'long-enough-password', displayName: '店长', ...input } }, world.users.admin.token);
    expect((await user({ role: 'MERCHANT', merchantId: merchant.id })).data!.createUser.role).toBe('MERCHANT');
    expect((await user({ role: 'MERCHANT' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.merchantId' });
    expect((await user({ role: 'BUYER', merchantId: merchant.id })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.merchantId' });
    expect((await user({ role: 'MERCHANT', merchantId: '999999' })).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.merchantId' });
  });

  it('a merchant lists goods of its own organisation; bad input is refused with its field', async () => {
    const input = { title: '玉米种子 郑单958', description: '每袋可种一亩', kind: 'FARM_INPUT', unit: '袋', priceFen: 4500, stock: 30 };
    const r = await api.gql(`mutation ($input: CreateGoodsInput!) { createGoods(input: $input) { ${GOODS_FIELDS} } }`, { input }, world.users.merchant.token);
    expect(r.errors).toBeUndefined();
    expect(r.data!.createGoods).toMatchObject({ title: '玉米种子 郑单958', kind: 'FARM_INPUT', priceFen: 4500, stock: 30, active: true, merchant: { id: world.merchants.main, payoutAccountMasked: '****7777' } });

    const bad = await api.gql(`mutation ($input: CreateGoodsInput!) { createGoods(input: $input) { id } }`, { input: { ...input, priceFen: 0 } }, world.users.merchant.token);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.priceFen' });
    const negative = await api.gql(`mutation ($input: CreateGoodsInput!) { createGoods(input: $input) { id } }`, { input: { ...input, stock: -1 } }, world.users.merchant.token);
    expect(negative.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stock' });
  });

  it('only its own merchant (or an admin) changes goods; stock is added, not overwritten', async () => {
    const id = await createGoods(api.db.pool, world.merchants.main, { title: '金龙鱼食用油 5L', kind: 'CONSUMER', priceFen: 6990, stock: 5 });
    const UPDATE = `mutation ($id: ID!, $input: UpdateGoodsInput!) { updateGoods(id: $id, input: $input) { priceFen active } }`;
    const other = await api.gql(UPDATE, { id, input: { priceFen: 1 } }, world.users.otherMerchant.token);
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(UPDATE, { id, input: { priceFen: 6800 } }, world.users.merchant.token)).data!.updateGoods.priceFen).toBe(6800);
    const ADD = `mutation ($id: ID!, $q: Int!) { addGoodsStock(goodsId: $id, quantity: $q) { stock } }`;
    expect((await api.gql(ADD, { id, q: 7 }, world.users.admin.token)).data!.addGoodsStock.stock).toBe(12);
    expect((await api.gql(ADD, { id, q: 0 }, world.users.merchant.token)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    expect((await api.gql(ADD, { id: '999999', q: 1 }, world.users.merchant.token)).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('browsing: operators of any station and anyone see goods on sale, searchable in Chinese; off-sale goods only by their merchant and admins', async () => {
    const phone = await createGoods(api.db.pool, world.merchants.other, { title: '老人智能手机 大字大声', kind: 'CONSUMER', priceFen: 39900, stock: 3 });
    const hidden = await createGoods(api.db.pool, world.merchants.main, { title: '尿素 下架', kind: 'FARM_INPUT', active: false });
    const LIST = `query ($filter: GoodsFilterInput) { goods(filter: $filter, first: 50) { totalCount edges { node { id title } } } }`;
    const ids = async (filter: Record<string, unknown>, token?: string) => ((await api.gql(LIST, { filter }, token)).data!.goods.edges as Array<{ node: { id: string } }>).map((e) => e.node.id);

    expect(await ids({ search: '手机' }, world.users.otherOperator.token)).toEqual([phone]);
    expect(await ids({ search: '智能' })).toEqual([phone]);
    expect(await ids({ search: '手机', kind: 'FARM_INPUT' })).toEqual([]);
    expect(await ids({ search: '100%_' })).toEqual([]);
    expect(await ids({ search: '下架' })).toEqual([]);
    expect(await ids({ search: '下架' }, world.users.otherMerchant.token)).toEqual([]);
    expect(await ids({ search: '下架' }, world.users.merchant.token)).toEqual([hidden]);
    expect(await ids({ search: '下架' }, world.users.admin.token)).toEqual([hidden]);
    const one = `query ($id: ID!) { goodsItem(id: $id) { id } }`;
    expect((await api.gql(one, { id: hidden }, world.users.operator.token)).data!.goodsItem).toBeNull();
    expect((await api.gql(one, { id: hidden }, world.users.merchant.token)).data!.goodsItem).toEqual({ id: hidden });

    // Pages: first is bounded, cursors chain without repeats.
    expect((await api.gql(`{ goods(first: 101) { totalCount } }`)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const p1 = (await api.gql(`{ goods(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`)).data!.goods;
    const p2 = (await api.gql(`query ($after: String) { goods(first: 2, after: $after) { edges { node { id } } } }`, { after: p1.pageInfo.endCursor })).data!.goods;
    const seen = [...p1.edges, ...p2.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
