import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, APP_CONFIG, AppConfig, badInput, forbidden, inTransaction, invalidState, notFound, Role } from '@app/platform';
import { GoodsKind, GoodsStock } from '@app/goods';
import { LedgerService, villageOrderDepositTaken } from '@app/ledger';
import { Household, PovertyStatus, Village } from '@app/registry';
import { ServiceStation, StationVillage } from '@app/stations';
import { hashPickupCode, newPickupCode } from './domain/pickup-code';
import { splitVillageOrder } from './domain/village-order-split';
import { VillageOrder } from './entities/village-order.entity';
import { PlaceVillageOrderInput } from './graphql/village-order.inputs';
import { amountsOf } from './village-order-amounts';

/**
 * An operator orders goods for a villager of a village its station serves: stock taken (never
 * oversold), the split fixed, the deposit booked as cash at the station, the pickup code drawn, in one
 * transaction. The code is returned once and kept only as a salted, keyed hash.
 */
@Injectable()
export class VillageOrderPlacementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stock: GoodsStock,
    private readonly ledger: LedgerService,
  ) {}

  async place(actor: Actor, input: PlaceVillageOrderInput): Promise<{ order: VillageOrder; pickupCode: string }> {
    if (actor.role !== Role.STATION_OPERATOR || !actor.stationId) throw forbidden('Village orders are placed by station operators');
    if (!Number.isSafeInteger(input.depositFen)) throw badInput('input.depositFen', 'depositFen must be a whole number of fen');
    const stationId = actor.stationId;
    const code = newPickupCode();
    const codeHash = hashPickupCode(code, this.config.jwtSecret!);
    const order = await inTransaction(this.dataSource, async (tx) => {
      const m = tx.manager;
      const station = await m.getRepository(ServiceStation).findOneBy({ id: stationId });
      if (!station) throw notFound('Station', stationId);
      if (!station.active) throw invalidState('This station is not active');

      let villageId: string;
      let householdId: string | null = null;
      let poor = false;
      if (input.householdId) {
        const household = await m.getRepository(Household).findOneBy({ id: input.householdId });
        if (!household) throw notFound('Household', input.householdId, 'input.householdId');
        villageId = String(household.villageId);
        householdId = String(household.id);
        poor = household.povertyStatus === PovertyStatus.REGISTERED_POOR;
      } else {
        if (!input.villagerName) throw badInput('input.villagerName', 'Name the villager, or give the household');
        if (!input.villageId) throw badInput('input.villageId', 'A villager not on the registry needs their village');
        const village = await m.getRepository(Village).findOneBy({ id: input.villageId });
        if (!village) throw notFound('Village', input.villageId, 'input.villageId');
        villageId = String(village.id);
      }
      const served = await m.getRepository(StationVillage).existsBy({ stationId, villageId });
      if (!served) throw forbidden("The villager's village is not served by your station");

      const taken = await this.stock.take(tx, input.lines);
      const merchantId = taken[0].merchantId;
      if (taken.some((g) => g.merchantId !== merchantId)) throw badInput('input.lines', "An order's goods come from one merchant (one shipment): place one order per merchant");
      const split = splitVillageOrder(
        taken.map((g) => ({ quantity: g.quantity, unitPriceFen: g.unitPriceFen, farmInput: g.kind === GoodsKind.FARM_INPUT })),
        station.commissionBps,
        this.config.platformFeeBps,
      );
      if (input.depositFen > split.totalFen) throw badInput('input.depositFen', `depositFen must be at most the order total, ${split.totalFen}`);

      const [row]: Array<{ id: string }> = await m.query(
        `WITH o AS (
           INSERT INTO village_orders (station_id, county_id, village_id, household_id, villager_name, merchant_id, total_fen, deposit_fen, commission_bps,
             station_commission_fen, platform_fee_fen, merchant_net_fen, farm_input_fen, registered_poor_at_order, pickup_code_hash, placed_by_user_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id
         ), l AS (
           INSERT INTO village_order_lines (village_order_id, goods_id, title, kind, quantity, unit_price_fen, line_total_fen)
           SELECT o.id, t.goods_id, t.title, t.kind::goods_kind, t.quantity, t.price, t.quantity::bigint * t.price
             FROM o, unnest($17::bigint[], $18::text[], $19::text[], $20::int[], $21::bigint[]) AS t(goods_id, title, kind, quantity, price)
         )
         SELECT id::text FROM o`,
        [
          stationId, station.countyId, villageId, householdId, input.villagerName ?? null, merchantId, split.totalFen, input.depositFen, station.commissionBps,
          split.stationCommissionFen, split.platformFeeFen, split.merchantNetFen, split.farmInputFen, poor, codeHash, actor.userId,
          taken.map((g) => g.goodsId), taken.map((g) => g.title), taken.map((g) => g.kind), taken.map((g) => g.quantity), taken.map((g) => g.unitPriceFen),
        ],
      );
      const placed = (await m.getRepository(VillageOrder).findOneBy({ id: row.id }))!;
      await this.ledger.postAll(tx, [villageOrderDepositTaken(amountsOf(placed))]);
      return placed;
    });
    return { order, pickupCode: code };
  }
}
