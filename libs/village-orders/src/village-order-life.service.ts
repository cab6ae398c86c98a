import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toFen } from '@app/kernel';
import { Actor, APP_CONFIG, AppConfig, badInput, forbidden, inTransaction, invalidState, isId, notFound, rateLimited, Tx } from '@app/platform';
import { GoodsStock } from '@app/goods';
import { LedgerService, villageOrderCollected, villageOrderRefunded } from '@app/ledger';
import { PICKUP_CODE, pickupAttempt, pickupCodeMatches } from './domain/pickup-code';
import { canSeeVillageOrder, canShip, canWorkAtStation, VillageOrderScope } from './domain/village-order-access';
import { canMove } from './domain/village-order-state';
import { VillageOrderStatus as S } from './domain/enums';
import { VillageOrder } from './entities/village-order.entity';
import { lockStationCash } from './station-cash.repository';
import { amountsOf } from './village-order-amounts';

const scopeOf = (o: VillageOrder): VillageOrderScope => ({ stationId: String(o.stationId), countyId: String(o.countyId), merchantId: String(o.merchantId) });

/** A wrong pickup code is recorded (it counts towards the lock) and then refused, after the commit. */
class WrongCode {
  constructor(readonly triesLeft: number) {}
}

/**
 * The life of a village order after placement: the merchant ships, the operator receives, the villager
 * collects with the code (paying the rest in cash), or the goods go back after PICKUP_DAYS; or the order
 * is cancelled before it ships. Each step locks the order's row, so a pickup racing a return (or two
 * pickups) are taken one after the other, and the second finds the order moved on.
 */
@Injectable()
export class VillageOrderLifeService {
  private readonly logger = new Logger('VillageOrders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stock: GoodsStock,
    private readonly ledger: LedgerService,
  ) {}

  ship(actor: Actor, id: string): Promise<VillageOrder> {
    return this.step(actor, id, S.SHIPPED, canShip, `shipped_at = now()`);
  }

  receive(actor: Actor, id: string): Promise<VillageOrder> {
    return this.step(actor, id, S.AT_STATION, canWorkAtStation, `received_at = now()`);
  }

  /** Before shipping only: stock back, the deposit refunded in cash. */
  cancel(actor: Actor, id: string): Promise<VillageOrder> {
    return this.step(actor, id, S.CANCELLED, canWorkAtStation, `cancelled_at = now()`, (tx, o) => this.giveBack(tx, o));
  }

  /**
   * The villager collects with the code and pays the rest in cash. A wrong code: BAD_USER_INPUT
   * (pickupCode), counted; the fifth in a row locks pickup for 15 minutes (RATE_LIMITED meanwhile).
   */
  async collect(actor: Actor, id: string, pickupCode: string): Promise<VillageOrder> {
    if (typeof pickupCode !== 'string' || !PICKUP_CODE.test(pickupCode)) throw badInput('pickupCode', 'The pickup code is six digits');
    const result = await inTransaction(this.dataSource, async (tx) => {
      const o = await this.lockVisible(tx, actor, id);
      if (!canWorkAtStation(actor, scopeOf(o))) throw forbidden('Only the operators of the order\'s station hand it over');
      if (!canMove(o.status, S.COLLECTED)) throw invalidState(`A ${o.status} village order cannot be collected`);
      const now = new Date();
      const verdict = pickupAttempt({ failures: o.pickupFailures, lockedUntil: o.pickupLockedUntil }, now, pickupCodeMatches(pickupCode, o.pickupCodeHash, this.config.jwtSecret!));
      if (verdict.outcome === 'locked') throw rateLimited('wrong pickup codes', verdict.retryAfterMs);
      if (verdict.outcome === 'wrong') {
        await tx.manager.query(`UPDATE village_orders SET pickup_failures = $2, pickup_locked_until = $3 WHERE id = $1`, [o.id, verdict.next.failures, verdict.next.lockedUntil]);
        return new WrongCode(verdict.triesLeft);
      }
      const [moved]: VillageOrder[] = await tx.manager.query(
        `WITH u AS (UPDATE village_orders SET status = 'COLLECTED', collected_at = now(), pickup_failures = 0, pickup_locked_until = NULL WHERE id = $1 RETURNING *) SELECT * FROM u`,
        [o.id],
      );
      await this.ledger.postAll(tx, [villageOrderCollected(amountsOf(o))]);
      await tx.manager.query(
        `INSERT INTO village_order_months (county_id, station_id, month, collected_count, collected_fen, farm_input_fen, poor_farm_input_fen)
         VALUES ($1, $2, date_trunc('month', $3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, 1, $4, $5, $6)
         ON CONFLICT (county_id, station_id, month) DO UPDATE SET
           collected_count = village_order_months.collected_count + 1,
           collected_fen = village_order_months.collected_fen + EXCLUDED.collected_fen,
           farm_input_fen = village_order_months.farm_input_fen + EXCLUDED.farm_input_fen,
           poor_farm_input_fen = village_order_months.poor_farm_input_fen + EXCLUDED.poor_farm_input_fen`,
        [o.countyId, o.stationId, (moved as unknown as { collected_at: Date }).collected_at, o.totalFen, o.farmInputFen, o.registeredPoorAtOrder ? o.farmInputFen : 0],
      );
      return (await tx.manager.getRepository(VillageOrder).findOneBy({ id: o.id }))!;
    });
    if (result instanceof WrongCode) {
      throw badInput('pickupCode', result.triesLeft > 0 ? `Wrong pickup code: ${result.triesLeft} tries left before pickup is locked for 15 minutes` : 'Wrong pickup code: pickup is locked for 15 minutes');
    }
    return result;
  }

  /**
   * Returns every order left AT_STATION past PICKUP_DAYS, each in a transaction of its own (stock back,
   * deposit refunded in cash, RETURNED). Idempotent: an order already moved on (collected, or returned by
   * another run) is skipped under its lock. Returns how many were returned.
   */
  async returnDue(limit = 1000): Promise<number> {
    const due: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id::text FROM village_orders WHERE status = 'AT_STATION' AND received_at <= now() - $1::float8 * interval '1 day' ORDER BY received_at, id LIMIT $2`,
      [this.config.pickupDays, limit],
    );
    let returned = 0;
    for (const { id } of due) {
      const done = await inTransaction(this.dataSource, async (tx) => {
        const [o] = await tx.manager.getRepository(VillageOrder).find({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!o || o.status !== S.AT_STATION || !o.receivedAt || o.receivedAt.getTime() > Date.now() - this.config.pickupDays * 86_400_000) return false;
        await tx.manager.query(`UPDATE village_orders SET status = 'RETURNED', returned_at = now() WHERE id = $1`, [id]);
        await this.giveBack(tx, o);
        return true;
      });
      if (done) returned++;
    }
    if (returned > 0) this.logger.log(`returned ${returned} village order(s) not collected within ${this.config.pickupDays} days`);
    return returned;
  }

  /** Stock back to the merchant and the deposit back to the villager, in cash from the station. */
  private async giveBack(tx: Tx, o: VillageOrder): Promise<void> {
    const lines: Array<{ goods_id: string; quantity: number }> = await tx.manager.query(`SELECT goods_id::text, quantity FROM village_order_lines WHERE village_order_id = $1`, [o.id]);
    await this.stock.putBack(tx, lines.map((l) => ({ goodsId: l.goods_id, quantity: l.quantity })));
    if (toFen(o.depositFen) > 0) await lockStationCash(tx, String(o.stationId));
    await this.ledger.postAll(tx, [villageOrderRefunded(amountsOf(o))]);
  }

  private async step(
    actor: Actor,
    id: string,
    to: S,
    may: (actor: Actor, o: VillageOrderScope) => boolean,
    set: string,
    also?: (tx: Tx, o: VillageOrder) => Promise<void>,
  ): Promise<VillageOrder> {
    return inTransaction(this.dataSource, async (tx) => {
      const o = await this.lockVisible(tx, actor, id);
      if (!may(actor, scopeOf(o))) throw forbidden(`You may not move this village order to ${to}`);
      if (!canMove(o.status, to)) throw invalidState(`A ${o.status} village order cannot become ${to}`);
      await tx.manager.query(`UPDATE village_orders SET status = $2, ${set} WHERE id = $1`, [o.id, to]);
      if (also) await also(tx, o);
      return (await tx.manager.getRepository(VillageOrder).findOneBy({ id: o.id }))!;
    });
  }

  /** The order, locked; NOT_FOUND (field id) when it does not exist or the actor may not see it. */
  private async lockVisible(tx: Tx, actor: Actor, id: string): Promise<VillageOrder> {
    const [o] = isId(id) ? await tx.manager.getRepository(VillageOrder).find({ where: { id }, lock: { mode: 'pessimistic_write' } }) : [];
    if (!o || !canSeeVillageOrder(actor, scopeOf(o))) throw notFound('Village order', id, 'id');
    return o;
  }
}
