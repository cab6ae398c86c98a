import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toFen } from '@app/kernel';
import { Actor, badInput, decodeCursor, isId, Page, pageSize, Role, toPage } from '@app/platform';
import { Goods } from './entities/goods.entity';
import { GoodsKind } from './domain/enums';
import { GoodsFilterInput } from './graphql/goods.inputs';
import { GoodsData } from './domain/goods';

export const toGoodsData = (g: Goods): GoodsData => ({
  id: String(g.id),
  merchantId: String(g.merchantId),
  title: g.title,
  description: g.description,
  kind: g.kind,
  unit: g.unit,
  priceFen: toFen(g.priceFen),
  stock: g.stock,
  active: g.active,
  createdAt: g.createdAt,
});

interface GoodsRow {
  id: string;
  merchant_id: string;
  title: string;
  description: string;
  kind: GoodsKind;
  unit: string;
  price_fen: string;
  stock: number;
  active: boolean;
  created_at: Date;
}

const fromRow = (r: GoodsRow): GoodsData => ({
  id: String(r.id),
  merchantId: String(r.merchant_id),
  title: r.title,
  description: r.description,
  kind: r.kind,
  unit: r.unit,
  priceFen: toFen(r.price_fen),
  stock: r.stock,
  active: r.active,
  createdAt: r.created_at,
});

/** `%` and `_` and the escape itself taken literally in an ILIKE pattern. */
const likeContaining = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Browsing goods: active goods for anyone (operators order them for villagers), plus a merchant's own
 * inactive ones for its users, all for admins. Search is a substring match on title and description,
 * served by trigram indexes (Chinese has no word breaks for a full-text parser to find).
 */
@Injectable()
export class GoodsQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byIds(ids: readonly string[]): Promise<GoodsData[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows: GoodsRow[] = await this.dataSource.query(`SELECT * FROM goods WHERE id = ANY($1::bigint[])`, [valid]);
    return rows.map(fromRow);
  }

  /** Newest first (by id), keyset pages; totalCount runs only when selected. */
  async page(actor: Actor | null, filter: GoodsFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Page<GoodsData>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    if (cursor && !isId(cursor[0])) throw badInput('after', 'not a cursor this list gave out');
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    if (actor?.role === Role.MERCHANT && actor.merchantId) where.push(`(g.active OR g.merchant_id = ${p(actor.merchantId)})`);
    else if (actor?.role !== Role.ADMIN) where.push('g.active');
    const f = filter ?? {};
    const search = f.search?.trim();
    if (search) {
      const pattern = p(likeContaining(search));
      where.push(`(g.title ILIKE ${pattern} OR g.description ILIKE ${pattern})`);
    }
    if (f.kind) where.push(`g.kind = ${p(f.kind)}`);
    if (f.merchantId) where.push(`g.merchant_id = ${p(f.merchantId)}`);
    if (f.inStockOnly) where.push('g.stock > 0');
    const countWhere = [...where];
    const countParams = [...params];
    if (cursor) where.push(`g.id < ${p(cursor[0])}::bigint`);
    const sql = `SELECT g.* FROM goods g ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY g.id DESC LIMIT ${p(limit + 1)}`;
    const rows: GoodsRow[] = await this.dataSource.query(sql, params);
    return toPage(rows, limit, (r) => [String(r.id)], fromRow, async () => {
      const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM goods g ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`, countParams);
      return n as number;
    });
  }
}
