import { Injectable } from '@nestjs/common';
import { compareIds, toFen } from '@app/kernel';
import { badInput, DomainError, ErrorCode, notFound, Tx } from '@app/platform';
import { GoodsKind } from './domain/enums';

/** One line's goods as taken: what the order records about it. */
export interface TakenGoods {
  goodsId: string;
  merchantId: string;
  kind: GoodsKind;
  title: string;
  unitPriceFen: number;
  quantity: number;
}

/**
 * The goods domain's stock, for the village orders that take and give back units. Taking is one
 * conditional UPDATE over all lines (`stock >= quantity`): two orders can never both take the last
 * units, whatever the concurrency (the row lock orders them; the loser sees the winner's stock).
 */
@Injectable()
export class GoodsStock {
  /**
   * Takes the quantities (lines of the same goods merged) in the caller's transaction. NOT_FOUND for
   * goods that do not exist or are off sale, INSUFFICIENT_STOCK (nothing taken: the caller's
   * transaction rolls back) when any line lacks units. Returned in the order of `lines`' first mention.
   */
  async take(tx: Tx, lines: Array<{ goodsId: string; quantity: number }>): Promise<TakenGoods[]> {
    const merged = new Map<string, number>();
    for (const l of lines) merged.set(l.goodsId, (merged.get(l.goodsId) ?? 0) + l.quantity);
    const ids = [...merged.keys()].sort(compareIds);
    // Locks in id order (the subquery's ORDER BY ... FOR UPDATE), so two orders of the same goods never deadlock.
    const rows: Array<{ id: string; merchant_id: string; kind: GoodsKind; title: string; price_fen: string; active: boolean; stock: number; taken: boolean }> = await tx.manager.query(
      `WITH locked AS (
         SELECT g.id, g.merchant_id, g.kind, g.title, g.price_fen, g.active, g.stock, r.q
           FROM goods g JOIN unnest($1::bigint[], $2::int[]) AS r(id, q) ON r.id = g.id
          ORDER BY g.id FOR UPDATE OF g
       ), taken AS (
         UPDATE goods g SET stock = g.stock - l.q, updated_at = now()
           FROM locked l WHERE g.id = l.id AND l.active AND g.stock >= l.q
         RETURNING g.id
       )
       SELECT l.id::text, l.merchant_id::text, l.kind, l.title, l.price_fen::text, l.active, l.stock, (t.id IS NOT NULL) AS taken
         FROM locked l LEFT JOIN taken t ON t.id = l.id`,
      [ids, ids.map((id) => merged.get(id)!)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    lines.forEach((l, i) => {
      const row = byId.get(l.goodsId);
      if (!row || !row.active) throw notFound('Goods', l.goodsId, `input.lines.${i}.goodsId`);
    });
    const short = rows.filter((r) => !r.taken);
    if (short.length > 0) {
      const r = short[0];
      throw new DomainError(ErrorCode.INSUFFICIENT_STOCK, `Not enough ${r.title}: ${r.stock} left, ${merged.get(r.id)} asked for`, undefined, { goodsId: r.id, available: r.stock });
    }
    const seen = new Set<string>();
    const out: TakenGoods[] = [];
    for (const l of lines) {
      if (seen.has(l.goodsId)) continue;
      seen.add(l.goodsId);
      const r = byId.get(l.goodsId)!;
      out.push({ goodsId: r.id, merchantId: r.merchant_id, kind: r.kind, title: r.title, unitPriceFen: toFen(r.price_fen), quantity: merged.get(r.id)! });
    }
    if (out.some((g) => !Number.isSafeInteger(g.unitPriceFen * g.quantity))) throw badInput('input.lines', 'the order is too large');
    return out;
  }

  /** Gives units back (a cancelled or returned village order), in the caller's transaction. */
  async putBack(tx: Tx, lines: Array<{ goodsId: string; quantity: number }>): Promise<void> {
    if (lines.length === 0) return;
    await tx.manager.query(
      `UPDATE goods g SET stock = g.stock + r.q, updated_at = now()
         FROM (SELECT id, sum(q)::int AS q FROM unnest($1::bigint[], $2::int[]) AS t(id, q) GROUP BY id ORDER BY id) r
        WHERE g.id = r.id`,
      [lines.map((l) => l.goodsId), lines.map((l) => l.quantity)],
    );
  }
}
