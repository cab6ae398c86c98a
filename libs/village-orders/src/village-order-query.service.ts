import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, decodeCursor, forbidden, isId, Page, pageSize, Role, toPage } from '@app/platform';
import { canSeeVillageOrder } from './domain/village-order-access';
import { VillageOrder } from './entities/village-order.entity';
import { VillageOrderLine } from './entities/village-order-line.entity';
import { VillageOrderFilterInput } from './graphql/village-order.inputs';

/** Reading village orders within what the actor may see (keyset pages, newest first). */
@Injectable()
export class VillageOrderQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byId(actor: Actor | null, id: string): Promise<VillageOrder | null> {
    if (!isId(id)) return null;
    const o = await this.dataSource.getRepository(VillageOrder).findOneBy({ id });
    return o && canSeeVillageOrder(actor, { stationId: String(o.stationId), countyId: String(o.countyId), merchantId: String(o.merchantId) }) ? o : null;
  }

  async linesOf(orderIds: readonly string[]): Promise<VillageOrderLine[]> {
    return this.dataSource.getRepository(VillageOrderLine).createQueryBuilder('l').where('l.village_order_id = ANY(:ids)', { ids: [...orderIds] }).orderBy('l.id').getMany();
  }

  async page(actor: Actor, filter: VillageOrderFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Page<VillageOrder>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    const qb = this.dataSource.getRepository(VillageOrder).createQueryBuilder('o');
    switch (actor.role) {
      case Role.ADMIN:
        break;
      case Role.STATION_OPERATOR:
        qb.andWhere('o.station_id = :scope', { scope: actor.stationId });
        break;
      case Role.COUNTY_OFFICIAL:
        qb.andWhere('o.county_id = :scope', { scope: actor.countyId });
        break;
      case Role.MERCHANT:
        qb.andWhere('o.merchant_id = :scope', { scope: actor.merchantId });
        break;
      default:
        throw forbidden('Village orders are for station operators, merchants, county officials and admins');
    }
    const f = filter ?? {};
    if (f.status) qb.andWhere('o.status = :status', { status: f.status });
    if (f.stationId) qb.andWhere('o.station_id = :stationId', { stationId: f.stationId });
    if (f.merchantId) qb.andWhere('o.merchant_id = :merchantId', { merchantId: f.merchantId });
    const counter = qb.clone();
    if (cursor) qb.andWhere('o.id < :after', { after: cursor[0] });
    const rows = await qb.orderBy('o.id', 'DESC').take(limit + 1).getMany();
    return toPage(rows, limit, (o) => [String(o.id)], (o) => o, () => counter.getCount());
  }
}
