import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, Tx } from '@app/platform';
import { stationTermsSql, stationVillagesSql } from '@app/stations';
import { planReroute, RerouteAllocation, ReroutePlan, RerouteStation } from '../domain/rerouting';
import { FulfillmentStatus } from '../entities/enums';
import { lockFulfillment } from '../fulfillment/order-locks.repository';
import { SHANGHAI_TODAY } from '../placement/placement.repository';

const BATCH = 100;

/** Takes one of today's slots at the station if it is active and below its capacity (read in the same statement). */
export async function takeSlot(manager: EntityManager, stationId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO station_day_loads AS d (station_id, day, routed)
     SELECT st.id, ${SHANGHAI_TODAY}, 1 FROM ${stationTermsSql} st WHERE st.id = $1 AND st.active
     ON CONFLICT (station_id, day) DO UPDATE SET routed = d.routed + 1
      WHERE d.routed < (SELECT s2.daily_capacity FROM ${stationTermsSql} s2 WHERE s2.id = d.station_id AND s2.active)
     RETURNING d.station_id`,
    [stationId],
  );
  return rows.length === 1;
}

/**
 * Routes UNROUTED fulfilments once capacity frees (a new day, a raised capacity, a reactivated station,
 * another station serving the village): oldest first, each in its own short transaction, taking slots
 * with the same conditional upsert as placement. Where each goes is the pure planReroute's decision
 * (domain/rerouting.ts); this reads the candidates and writes the plan.
 */
@Injectable()
export class RoutingRetryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One pass over the UNROUTED fulfilments that have a free candidate now; returns how many were (partly) routed. */
  async retryUnrouted(): Promise<number> {
    let after = '0';
    let routed = 0;
    for (;;) {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `SELECT f.id::text FROM fulfillments f
          WHERE f.status = 'UNROUTED' AND f.id > $1
            AND EXISTS (
              SELECT 1 FROM allocations a
                JOIN ${stationVillagesSql} sv ON sv.village_id = a.village_id
                JOIN ${stationTermsSql} st ON st.id = sv.station_id AND st.active
                LEFT JOIN station_day_loads d ON d.station_id = st.id AND d.day = ${SHANGHAI_TODAY}
               WHERE a.fulfillment_id = f.id AND COALESCE(d.routed, 0) < st.daily_capacity)
          ORDER BY f.id LIMIT ${BATCH}`,
        [after],
      );
      for (const { id } of rows) {
        if (await inTransaction(this.dataSource, (tx) => this.routeOne(tx, id))) routed++;
      }
      if (rows.length < BATCH) return routed;
      after = rows[rows.length - 1].id;
    }
  }

  /** Routes what it can of one UNROUTED fulfilment; false when nothing found a station. */
  private async routeOne(tx: Tx, fulfillmentId: string): Promise<boolean> {
    const locked = await lockFulfillment(tx.manager, fulfillmentId);
    if (!locked || locked.fulfillment.status !== FulfillmentStatus.UNROUTED) return false;
    const allocations: RerouteAllocation[] = await tx.manager.query(
      `SELECT id::text, village_id::text AS "villageId", listing_station_id::text AS "listingStationId"
         FROM allocations WHERE fulfillment_id = $1 ORDER BY id`,
      [fulfillmentId],
    );
    if (allocations.length === 0) return false;
    const stations = await this.candidates(tx.manager, [...new Set(allocations.map((a) => a.villageId))]);
    // Plan, take the planned stations' slots, and plan again with a station marked full whose slot was
    // gone (each pass marks one more station full, so this ends).
    const full = new Set<string>();
    const taken = new Set<string>();
    let plan: ReroutePlan | null = null;
    while (plan === null) {
      const next = planReroute(allocations, stations, { full, taken });
      plan = next.plan;
      for (const stationId of next.stations) {
        if (taken.has(stationId)) continue;
        if (!(await takeSlot(tx.manager, stationId))) {
          full.add(stationId);
          plan = null;
          break;
        }
        taken.add(stationId);
      }
    }
    if (plan.kind === 'NONE') return false;
    if (plan.kind === 'WHOLE') {
      await this.assign(tx.manager, fulfillmentId, plan.stationId);
      return true;
    }
    if (plan.keep) await this.assign(tx.manager, fulfillmentId, plan.keep.stationId);
    for (const { stationId, allocationIds } of plan.moved) {
      const [{ id }] = await tx.manager.query(
        `INSERT INTO fulfillments (order_id, station_id, status, routed_day) VALUES ($1, $2, 'ROUTED', ${SHANGHAI_TODAY}) RETURNING id::text`,
        [locked.order.id, stationId],
      );
      await tx.manager.query(`UPDATE allocations SET fulfillment_id = $1 WHERE id = ANY($2::bigint[])`, [id, allocationIds]);
    }
    return true;
  }

  private async assign(manager: EntityManager, fulfillmentId: string, stationId: string): Promise<void> {
    await manager.query(
      `UPDATE fulfillments SET station_id = $2, status = 'ROUTED', routed_day = ${SHANGHAI_TODAY}, updated_at = now() WHERE id = $1`,
      [fulfillmentId, stationId],
    );
  }

  /** Active stations serving any of the villages, with today's load; villageIds keeps only those villages. */
  private async candidates(manager: EntityManager, villageIds: string[]): Promise<RerouteStation[]> {
    const rows: Array<{ id: string; name: string; daily_capacity: number; routed: number; villages: string[] }> = await manager.query(
      `SELECT st.id::text, st.name, st.daily_capacity, COALESCE(d.routed, 0) AS routed, array_agg(sv.village_id::text) AS villages
         FROM ${stationVillagesSql} sv
         JOIN ${stationTermsSql} st ON st.id = sv.station_id AND st.active
         LEFT JOIN station_day_loads d ON d.station_id = st.id AND d.day = ${SHANGHAI_TODAY}
        WHERE sv.village_id = ANY($1::bigint[])
        GROUP BY st.id, st.name, st.daily_capacity, d.routed`,
      [villageIds],
    );
    return rows.map((r) => ({ stationId: r.id, name: r.name, active: true, dailyCapacity: r.daily_capacity, routedToday: r.routed, villageIds: r.villages }));
  }
}
