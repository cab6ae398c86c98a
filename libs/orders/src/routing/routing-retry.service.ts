import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, Tx } from '@app/platform';
import { PlanStation } from '../domain/order-plan';
import { hasFreeSlot, rankStations, StationCandidate } from '../domain/routing-policy';
import { FulfillmentStatus } from '../entities/enums';
import { lockFulfillment } from '../fulfillment/order-locks.repository';
import { SHANGHAI_TODAY } from '../placement/placement.repository';

const BATCH = 100;

/** Takes one of today's slots at the station if it is active and below its capacity (read in the same statement). */
export async function takeSlot(manager: EntityManager, stationId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO station_day_loads AS d (station_id, day, routed)
     SELECT st.id, ${SHANGHAI_TODAY}, 1 FROM stations st WHERE st.id = $1 AND st.active
     ON CONFLICT (station_id, day) DO UPDATE SET routed = d.routed + 1
      WHERE d.routed < (SELECT s2.daily_capacity FROM stations s2 WHERE s2.id = d.station_id AND s2.active)
     RETURNING d.station_id`,
    [stationId],
  );
  return rows.length === 1;
}

interface UnroutedAllocation {
  id: string;
  villageId: string;
  listingStationId: string;
}

/**
 * Routes UNROUTED fulfilments once capacity frees (a new day, a raised capacity, a reactivated station,
 * another station serving the village): oldest first, each in its own short transaction, taking slots
 * with the same conditional upsert as placement. A fulfilment goes whole to a station serving all its
 * households' villages if one is free; otherwise it is split by station as placement would, and what
 * still finds no station stays UNROUTED.
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
                JOIN station_villages sv ON sv.village_id = a.village_id
                JOIN stations st ON st.id = sv.station_id AND st.active
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
    const allocations: UnroutedAllocation[] = await tx.manager.query(
      `SELECT id::text, village_id::text AS "villageId", listing_station_id::text AS "listingStationId"
         FROM allocations WHERE fulfillment_id = $1 ORDER BY id`,
      [fulfillmentId],
    );
    if (allocations.length === 0) return false;
    const villages = [...new Set(allocations.map((a) => a.villageId))];
    const stations = await this.candidates(tx.manager, villages);
    const full = new Set<string>();
    const tryStation = async (s: StationCandidate): Promise<boolean> => {
      if (full.has(s.stationId) || !hasFreeSlot(s)) return false;
      if (await takeSlot(tx.manager, s.stationId)) return true;
      full.add(s.stationId);
      return false;
    };

    const servingAll = stations.filter((s) => villages.every((v) => s.villageIds.includes(v)));
    for (const s of rankStations(allocations[0].listingStationId, servingAll)) {
      if (await tryStation(s)) {
        await this.assign(tx.manager, fulfillmentId, s.stationId);
        return true;
      }
    }

    // No one station can take it all: each allocation to its best free station, as placement would.
    const groups = new Map<string, string[]>();
    const left: string[] = [];
    for (const a of allocations) {
      let chosen: string | null = null;
      for (const s of rankStations(a.listingStationId, stations.filter((st) => st.villageIds.includes(a.villageId)))) {
        if (groups.has(s.stationId) || (await tryStation(s))) {
          chosen = s.stationId;
          break;
        }
      }
      if (chosen === null) left.push(a.id);
      else groups.set(chosen, [...(groups.get(chosen) ?? []), a.id]);
    }
    if (groups.size === 0) return false;
    const entries = [...groups.entries()];
    if (left.length === 0) {
      // Everything found a station: this fulfilment keeps the first group, so its id lives on.
      const [stationId] = entries.shift()!;
      await this.assign(tx.manager, fulfillmentId, stationId);
    }
    for (const [stationId, allocationIds] of entries) {
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
  private async candidates(manager: EntityManager, villageIds: string[]): Promise<PlanStation[]> {
    const rows: Array<{ id: string; name: string; daily_capacity: number; routed: number; villages: string[] }> = await manager.query(
      `SELECT st.id::text, st.name, st.daily_capacity, COALESCE(d.routed, 0) AS routed, array_agg(sv.village_id::text) AS villages
         FROM station_villages sv
         JOIN stations st ON st.id = sv.station_id AND st.active
         LEFT JOIN station_day_loads d ON d.station_id = st.id AND d.day = ${SHANGHAI_TODAY}
        WHERE sv.village_id = ANY($1::bigint[])
        GROUP BY st.id, d.routed`,
      [villageIds],
    );
    return rows.map((r) => ({ stationId: r.id, name: r.name, active: true, dailyCapacity: r.daily_capacity, routedToday: r.routed, villageIds: r.villages }));
  }
}
