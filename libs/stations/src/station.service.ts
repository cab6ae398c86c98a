import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, APP_CONFIG, AppConfig, badInput, DomainEvents, ID_PATTERN, inTransaction, notFound } from '@app/platform';
import { GeographyService } from '@app/registry';
import { commissionProblem } from './domain/commission';
import { ServiceStation } from './entities/station.entity';
import { CreateStationInput, UpdateStationInput } from './graphql/station.inputs';
import { StationsPolicy } from './stations.policy';

/** `stations` is unpaginated per the contract; Handan has 180 stations, a province a few thousand. */
export const MAX_STATIONS_LISTED = 2000;

/** Creating, changing and listing service stations. */
@Injectable()
export class StationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: StationsPolicy,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly geography: GeographyService,
  ) {}

  station(id: string): Promise<ServiceStation | null> {
    return ID_PATTERN.test(id) ? this.dataSource.getRepository(ServiceStation).findOneBy({ id }) : Promise.resolve(null);
  }

  /** Stations of a county (or all), by name then id. BAD_USER_INPUT for a countyId that is not an id. */
  list(countyId: string | null | undefined): Promise<ServiceStation[]> {
    if (countyId != null && !ID_PATTERN.test(countyId)) throw badInput('countyId', 'countyId is not an id');
    return this.dataSource.getRepository(ServiceStation).find({
      where: countyId != null ? { countyId } : {},
      order: { name: 'ASC', id: 'ASC' },
      take: MAX_STATIONS_LISTED,
    });
  }

  /** A new station in a village, serving villages of the same county. */
  async create(input: CreateStationInput): Promise<ServiceStation> {
    this.checkCommission(input.commissionBps);
    const village = await this.geography.village(input.villageId);
    if (!village) throw notFound('Village', input.villageId, 'input.villageId');
    return inTransaction(this.dataSource, async (tx) => {
      const served = await this.checkServed(tx.manager, input.servedVillageIds, village.countyId);
      const station = await tx.manager.getRepository(ServiceStation).save(
        tx.manager.getRepository(ServiceStation).create({
          name: input.name,
          villageId: village.id,
          countyId: village.countyId,
          dailyCapacity: input.dailyCapacity,
          commissionBps: input.commissionBps,
          active: true,
        }),
      );
      await this.setServed(tx.manager, station.id, served);
      // A new station serving villages is new capacity for their UNROUTED fulfilments.
      if (served.length > 0) await this.events.emit(tx, 'station.capacity-changed', { stationId: station.id });
      return station;
    });
  }

  /**
   * Changes a station (admins, officials of its county). When it can take more work (capacity raised,
   * reactivated, villages added) it says so (station.capacity-changed): orders routes what waited.
   */
  async update(actor: Actor, id: string, input: UpdateStationInput): Promise<ServiceStation> {
    if (!ID_PATTERN.test(id)) throw notFound('Station', id, 'id');
    if (input.commissionBps != null) this.checkCommission(input.commissionBps);
    return inTransaction(this.dataSource, async (tx) => {
      const repo = tx.manager.getRepository(ServiceStation);
      const station = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!station) throw notFound('Station', id, 'id');
      this.policy.assertMayUpdate(actor, station);
      const before = { dailyCapacity: station.dailyCapacity, active: station.active };
      const servedBefore = new Set(await this.servedIds(tx.manager, id));
      let served: string[] | null = null;
      if (input.servedVillageIds != null) served = await this.checkServed(tx.manager, input.servedVillageIds, station.countyId);
      if (input.name != null) station.name = input.name;
      if (input.dailyCapacity != null) station.dailyCapacity = input.dailyCapacity;
      if (input.commissionBps != null) station.commissionBps = input.commissionBps;
      if (input.active != null) station.active = input.active;
      await repo.save(station);
      if (served) await this.setServed(tx.manager, id, served);
      const freed =
        station.active &&
        (!before.active || station.dailyCapacity > before.dailyCapacity || (served !== null && served.some((v) => !servedBefore.has(v))));
      if (freed) await this.events.emit(tx, 'station.capacity-changed', { stationId: station.id });
      return station;
    });
  }

  /** A rate that with the platform fee would take more than the whole gross is refused where it is set. */
  private checkCommission(commissionBps: number): void {
    const problem = commissionProblem(commissionBps, this.config.platformFeeBps);
    if (problem) throw badInput('input.commissionBps', problem);
  }

  /** The served villages, de-duplicated: each must exist (NOT_FOUND) and lie in the station's county. */
  private async checkServed(manager: EntityManager, ids: string[], countyId: string): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = await this.geography.villageCounties(unique, manager);
    const missing = unique.find((v) => !found.has(v));
    if (missing) throw notFound('Village', missing, 'input.servedVillageIds');
    const foreign = unique.find((v) => found.get(v) !== countyId);
    if (foreign) throw badInput('input.servedVillageIds', `Village ${foreign} lies in another county: a station serves villages of its own county`);
    return unique;
  }

  private async servedIds(manager: EntityManager, stationId: string): Promise<string[]> {
    const rows: Array<{ village_id: string }> = await manager.query('SELECT village_id::text FROM station_villages WHERE station_id = $1', [stationId]);
    return rows.map((r) => r.village_id);
  }

  private async setServed(manager: EntityManager, stationId: string, villageIds: string[]): Promise<void> {
    await manager.query('DELETE FROM station_villages WHERE station_id = $1 AND NOT (village_id = ANY($2::bigint[]))', [stationId, villageIds]);
    await manager.query(
      'INSERT INTO station_villages (station_id, village_id) SELECT $1, v FROM unnest($2::bigint[]) AS v ON CONFLICT DO NOTHING',
      [stationId, villageIds],
    );
  }
}
