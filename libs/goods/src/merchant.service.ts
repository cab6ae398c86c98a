import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, badInput, decodeCursor, isId, notFound, Page, pageSize, toPage } from '@app/platform';
import { GeographyService, maskAccount } from '@app/registry';
import { canSeeMerchantAccount } from './domain/goods-access';
import { Merchant } from './entities/merchant.entity';
import { CreateMerchantInput } from './graphql/goods.inputs';
import { MerchantData } from './domain/goods';

/**
 * SQL for the payout account of the merchant whose id is the expression `merchantId`: settlement fixes
 * it on a merchant's payout when writing it (only this domain names the merchants table).
 */
export const merchantPayoutAccountSql = (merchantId: string) => `(SELECT m.payout_account FROM merchants m WHERE m.id = ${merchantId})`;

/** The account shown masked to those who may see it, null to anyone else. */
export const toMerchantData = (m: Merchant, actor: Actor | null): MerchantData => ({
  id: String(m.id),
  name: m.name,
  countyId: String(m.countyId),
  createdAt: m.createdAt,
  payoutAccountMasked: canSeeMerchantAccount(actor, { id: String(m.id), countyId: String(m.countyId) }) ? maskAccount(m.payoutAccount) : null,
});

/** Merchant organisations: admins create them; their names are public (goods show who sells them). */
@Injectable()
export class MerchantService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly geography: GeographyService,
  ) {}

  async create(input: CreateMerchantInput): Promise<Merchant> {
    const county = await this.geography.county(input.countyId);
    if (!county) throw notFound('County', input.countyId, 'input.countyId');
    const repo = this.dataSource.getRepository(Merchant);
    return repo.save(repo.create({ name: input.name, countyId: county.id, payoutAccount: input.payoutAccount }));
  }

  byId(id: string): Promise<Merchant | null> {
    return isId(id) ? this.dataSource.getRepository(Merchant).findOneBy({ id }) : Promise.resolve(null);
  }

  async byIds(ids: readonly string[]): Promise<Merchant[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    return this.dataSource.getRepository(Merchant).createQueryBuilder('m').where('m.id = ANY(:ids)', { ids: valid }).getMany();
  }

  /** Merchants (of a county, or all), newest first, keyset by id. */
  async page(countyId: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Page<Merchant>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    if (cursor && !isId(cursor[0])) throw badInput('after', 'not a cursor this list gave out');
    if (countyId != null && !isId(countyId)) throw badInput('countyId', 'countyId is not an id');
    const qb = this.dataSource.getRepository(Merchant).createQueryBuilder('m').orderBy('m.id', 'DESC').take(limit + 1);
    if (countyId != null) qb.andWhere('m.county_id = :countyId', { countyId });
    const count = () => qb.clone().skip(undefined).take(undefined).getCount();
    if (cursor) qb.andWhere('m.id < :after', { after: cursor[0] });
    const rows = await qb.getMany();
    return toPage(rows, limit, (m) => [String(m.id)], (m) => m, count);
  }
}
