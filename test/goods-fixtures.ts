import { Pool } from 'pg';

/** Goods of a merchant written straight into the test database (the API path has its own tests). */
export async function createGoods(
  pool: Pool,
  merchantId: string,
  fields: { title?: string; kind?: 'CONSUMER' | 'FARM_INPUT'; priceFen?: number; stock?: number; unit?: string; active?: boolean } = {},
): Promise<string> {
  const { rows } = await pool.query(
    `INSERT INTO goods (merchant_id, title, description, kind, unit, price_fen, stock, active) VALUES ($1, $2, '', $3, $4, $5, $6, $7) RETURNING id::text`,
    [merchantId, fields.title ?? '复合肥 50kg', fields.kind ?? 'FARM_INPUT', fields.unit ?? '袋', fields.priceFen ?? 12000, fields.stock ?? 100, fields.active ?? true],
  );
  return rows[0].id;
}
