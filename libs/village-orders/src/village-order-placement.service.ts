import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, badInput, conflict, DomainError, ErrorCode, forbidden, invalidState, notFound, pgErrorCode, PreparedStatements, Role } from '@app/platform';
import { GoodsKind } from '@app/goods';
import { journalEntryArgs, villageOrderDepositTaken } from '@app/ledger';
import { PovertyStatus } from '@app/registry';
import { hashPickupCode, newPickupCode } from './domain/pickup-code';
import { splitVillageOrder } from './domain/village-order-split';
import { VillageOrderStatus } from './domain/enums';
import { VillageOrder } from './entities/village-order.entity';
import { PlaceVillageOrderInput } from './graphql/village-order.inputs';
import { amountsOf } from './village-order-amounts';
import { readPlacementSnapshot, STALE_VILLAGE_ORDER, VillageOrderSnapshot, WriteVillageOrderArgs, writeVillageOrder } from './village-order-placement.repository';

/** Attempts before giving up when the stock or terms keep changing between the read and the write. */
const MAX_ATTEMPTS = 5;

/**
 * An operator orders goods for a villager of a village its station serves: stock taken (never
 * oversold), the split fixed, the deposit booked as cash at the station, the pickup code drawn, in one
 * transaction. The code is returned once and kept only as a salted, keyed hash.
 *
 * Two round trips (as placing an order does): one read of everything the order is built on, then one
 * statement that takes the stock, writes the order, its lines and the deposit's journal entry, and
 * fails as a whole (VO409) if the stock or the terms read are gone by then; the order is then built
 * again from a fresh read, which reports what changed (INSUFFICIENT_STOCK, NOT_FOUND...).
 */
@Injectable()
export class VillageOrderPlacementService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly statements: PreparedStatements,
  ) {}

  async place(actor: Actor, input: PlaceVillageOrderInput): Promise<{ order: VillageOrder; pickupCode: string }> {
    if (actor.role !== Role.STATION_OPERATOR || !actor.stationId) throw forbidden('Village orders are placed by station operators');
    if (!Number.isSafeInteger(input.depositFen)) throw badInput('input.depositFen', 'depositFen must be a whole number of fen');
    const code = newPickupCode();
    const codeHash = hashPickupCode(code, this.config.jwtSecret!);
    const sql = this.statements.autocommit;
    for (let attempt = 1; ; attempt++) {
      const snapshot = await readPlacementSnapshot(sql, {
        stationId: actor.stationId,
        householdId: input.householdId ?? null,
        villageId: input.householdId ? null : (input.villageId ?? null),
        goodsIds: [...new Set(input.lines.map((l) => l.goodsId))],
      });
      const order = this.build(actor, input, snapshot, codeHash);
      try {
        order.entity.placedAt = await writeVillageOrder(sql, order.args);
        return { order: order.entity, pickupCode: code };
      } catch (error) {
        const c = pgErrorCode(error);
        if ((c === STALE_VILLAGE_ORDER || c === '40P01') && attempt < MAX_ATTEMPTS) continue;
        if (c === STALE_VILLAGE_ORDER) throw conflict('The goods or the station kept changing; try again');
        throw error;
      }
    }
  }

  /** Checks the input against the snapshot (the same errors, in the same order, as ever) and builds the write. */
  private build(actor: Actor, input: PlaceVillageOrderInput, s: VillageOrderSnapshot, codeHash: string) {
    const stationId = actor.stationId!;
    if (!s.station) throw notFound('Station', stationId);
    if (!s.station.active) throw invalidState('This station is not active');
    let villageId: string;
    if (input.householdId) {
      if (!s.household) throw notFound('Household', input.householdId, 'input.householdId');
      villageId = s.household.villageId;
    } else {
      if (!input.villagerName) throw badInput('input.villagerName', 'Name the villager, or give the household');
      if (!input.villageId) throw badInput('input.villageId', 'A villager not on the registry needs their village');
      if (!s.villageExists) throw notFound('Village', input.villageId, 'input.villageId');
      villageId = String(input.villageId);
    }
    if (!s.served) throw forbidden("The villager's village is not served by your station");

    // Lines of the same goods merged, in the order of their first mention.
    const merged = new Map<string, number>();
    for (const l of input.lines) merged.set(l.goodsId, (merged.get(l.goodsId) ?? 0) + l.quantity);
    input.lines.forEach((l, i) => {
      if (!s.goods.get(l.goodsId)?.active) throw notFound('Goods', l.goodsId, `input.lines.${i}.goodsId`);
    });
    const short = [...s.goods.values()].sort((a, b) => (BigInt(a.goodsId) < BigInt(b.goodsId) ? -1 : 1)).find((g) => g.stock < merged.get(g.goodsId)!);
    if (short) {
      throw new DomainError(ErrorCode.INSUFFICIENT_STOCK, `Not enough ${short.title}: ${short.stock} left, ${merged.get(short.goodsId)} asked for`, undefined, {
        goodsId: short.goodsId,
        available: short.stock,
      });
    }
    const taken = [...merged].map(([goodsId, quantity]) => ({ ...s.goods.get(goodsId)!, quantity }));
    if (taken.some((g) => !Number.isSafeInteger(g.priceFen * g.quantity))) throw badInput('input.lines', 'the order is too large');
    const merchantId = taken[0].merchantId;
    if (taken.some((g) => g.merchantId !== merchantId)) throw badInput('input.lines', "An order's goods come from one merchant (one shipment): place one order per merchant");
    const split = splitVillageOrder(
      taken.map((g) => ({ quantity: g.quantity, unitPriceFen: g.priceFen, farmInput: g.kind === GoodsKind.FARM_INPUT })),
      s.station.commissionBps,
      this.config.platformFeeBps,
    );
    if (input.depositFen > split.totalFen) throw badInput('input.depositFen', `depositFen must be at most the order total, ${split.totalFen}`);

    const entity = Object.assign(new VillageOrder(), {
      id: s.orderId,
      stationId,
      countyId: s.station.countyId,
      villageId,
      householdId: input.householdId ? String(input.householdId) : null,
      villagerName: input.villagerName ?? null,
      merchantId,
      status: VillageOrderStatus.PLACED,
      totalFen: split.totalFen,
      depositFen: input.depositFen,
      commissionBps: s.station.commissionBps,
      stationCommissionFen: split.stationCommissionFen,
      platformFeeFen: split.platformFeeFen,
      merchantNetFen: split.merchantNetFen,
      farmInputFen: split.farmInputFen,
      registeredPoorAtOrder: s.household?.povertyStatus === PovertyStatus.REGISTERED_POOR,
      pickupCodeHash: codeHash,
      pickupFailures: 0,
      pickupLockedUntil: null,
      placedByUserId: actor.userId,
      shippedAt: null,
      receivedAt: null,
      collectedAt: null,
      returnedAt: null,
      cancelledAt: null,
      merchantPayoutId: null,
      stationPayoutId: null,
    } satisfies Omit<VillageOrder, 'placedAt'>);
    const deposit = villageOrderDepositTaken(amountsOf(entity));
    const args: WriteVillageOrderArgs = {
      orderId: entity.id,
      stationId,
      countyId: entity.countyId,
      villageId,
      householdId: entity.householdId,
      villagerName: entity.villagerName,
      merchantId,
      totalFen: entity.totalFen,
      depositFen: entity.depositFen,
      commissionBps: entity.commissionBps,
      stationCommissionFen: entity.stationCommissionFen,
      platformFeeFen: entity.platformFeeFen,
      merchantNetFen: entity.merchantNetFen,
      farmInputFen: entity.farmInputFen,
      registeredPoorAtOrder: entity.registeredPoorAtOrder,
      pickupCodeHash: codeHash,
      placedByUserId: actor.userId,
      lines: taken.map((g) => ({ goodsId: g.goodsId, title: g.title, kind: g.kind, quantity: g.quantity, unitPriceFen: g.priceFen })),
      journal: deposit ? journalEntryArgs(deposit) : null,
    };
    return { args, entity };
  }
}
