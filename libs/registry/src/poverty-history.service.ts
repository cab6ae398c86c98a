import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Actor, badInput, DomainEvents, forbidden, GraphQLContext, groupByKeys, inTransaction, loader, notFound, Role } from '@app/platform';
import { County } from './entities/county.entity';
import { RegistryPolicy } from './access/registry.policy';
import { checkEffectiveAt } from './domain/status-history';
import { strickenAt } from './domain/village-history';
import { Village } from './entities/village.entity';
import { PovertyStatusEntryData, VillagePovertyEntryData } from './domain/registry';
import { SetCountyPovertyLineInput, SetVillagePovertyStatusInput } from './graphql/history.inputs';

interface HistoryRow {
  id: string;
  owner_id: string;
  effective_at: Date;
  recorded_at: Date;
  recorded_by_id: string | null;
}

/** The recorder's id; its name is the auth domain's to give (HistoryRecorder.displayName). */
const recorder = (r: HistoryRow) => (r.recorded_by_id ? { id: r.recorded_by_id } : null);

/**
 * The readable histories (a household's statuses, a village's exits and re-entries, oldest first)
 * and the village side of the rules: an exit or re-entry effective at an instant, the flag in force
 * now cached on the village, and `village.poverty-changed` so attribution follows in the same
 * transaction.
 */
@Injectable()
export class PovertyHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: RegistryPolicy,
    private readonly events: DomainEvents,
  ) {}

  /** A household's history, batched per request (the caller checks the personal-data rule first). */
  householdHistory(context: GraphQLContext, householdId: string): Promise<PovertyStatusEntryData[]> {
    return loader(context, 'registry.householdHistory', () =>
      new DataLoader<string, PovertyStatusEntryData[]>(async (ids) => {
        const rows: Array<HistoryRow & { status: PovertyStatusEntryData['status']; category: PovertyStatusEntryData['category'] }> = await this.dataSource.query(
          `SELECT p.id::text, p.household_id::text AS owner_id, p.status, p.category, p.effective_at, p.recorded_at, p.recorded_by_id::text
             FROM poverty_status_history p
            WHERE p.household_id = ANY($1::bigint[]) ORDER BY p.effective_at, p.id`,
          [[...ids]],
        );
        return groupByKeys(
          ids,
          rows.map((r) => ({ ownerId: r.owner_id, id: r.id, status: r.status, category: r.category, effectiveAt: r.effective_at, recordedAt: r.recorded_at, recordedBy: recorder(r) })),
          (e) => e.ownerId,
        ).map((list) => list.map(({ ownerId: _, ...e }) => e));
      }),
    ).load(householdId);
  }

  /** A village's exits and re-entries, batched per request; anyone may read them. */
  villageHistory(context: GraphQLContext, villageId: string): Promise<VillagePovertyEntryData[]> {
    return loader(context, 'registry.villageHistory', () =>
      new DataLoader<string, VillagePovertyEntryData[]>(async (ids) => {
        const rows: Array<HistoryRow & { poverty_stricken: boolean }> = await this.dataSource.query(
          `SELECT p.id::text, p.village_id::text AS owner_id, p.poverty_stricken, p.effective_at, p.recorded_at, p.recorded_by_id::text
             FROM village_poverty_history p
            WHERE p.village_id = ANY($1::bigint[]) ORDER BY p.effective_at, p.id`,
          [[...ids]],
        );
        return groupByKeys(
          ids,
          rows.map((r) => ({ ownerId: r.owner_id, id: r.id, povertyStricken: r.poverty_stricken, effectiveAt: r.effective_at, recordedAt: r.recorded_at, recordedBy: recorder(r) })),
          (e) => e.ownerId,
        ).map((list) => list.map(({ ownerId: _, ...e }) => e));
      }),
    ).load(villageId);
  }

  /** Sets a county's poverty line (fen a person a year). Admins and the county's officials. */
  async setCountyPovertyLine(actor: Actor, input: SetCountyPovertyLineInput): Promise<County> {
    const county = await this.dataSource.getRepository(County).findOneBy({ id: input.countyId });
    if (!county) throw notFound('County', input.countyId, 'input.countyId');
    if (!(actor.role === Role.ADMIN || (actor.role === Role.COUNTY_OFFICIAL && actor.countyId === county.id))) {
      throw forbidden("Only admins and the county's officials may set its poverty line");
    }
    await this.dataSource.query('UPDATE counties SET poverty_line_fen = $2 WHERE id = $1', [county.id, input.povertyLineFen]);
    return { ...county, povertyLineFen: input.povertyLineFen };
  }

  /**
   * Records a village's exit (false) or re-entry (true) effective at `input.effectiveAt` (default now;
   * back-dated allowed, future refused). An entry equal to the flag in force at that instant is not
   * written. Admins and officials of the village's county.
   */
  async setVillagePovertyStatus(actor: Actor, input: SetVillagePovertyStatusInput): Promise<Village> {
    const now = new Date();
    const effectiveAt = input.effectiveAt ?? now;
    const dateFault = checkEffectiveAt(effectiveAt, now);
    if (dateFault) throw badInput('input.effectiveAt', dateFault.message);
    return inTransaction(this.dataSource, async (tx) => {
      // The row lock serializes changes to one village, so two corrections never interleave.
      const village = await tx.manager.getRepository(Village).findOne({ where: { id: input.villageId }, lock: { mode: 'pessimistic_write' } });
      if (!village) throw notFound('Village', input.villageId, 'input.villageId');
      this.policy.assertCountyRegistrar(actor, village.countyId);
      const rows: Array<{ id: string; poverty_stricken: boolean; effective_at: Date }> = await tx.manager.query(
        'SELECT id::text, poverty_stricken, effective_at FROM village_poverty_history WHERE village_id = $1',
        [village.id],
      );
      const entries = rows.map((r) => ({ id: r.id, povertyStricken: r.poverty_stricken, effectiveAt: r.effective_at }));
      if (strickenAt(entries, village.designatedPovertyStricken, effectiveAt) === input.povertyStricken) return village;
      await tx.manager.query(
        'INSERT INTO village_poverty_history (village_id, poverty_stricken, effective_at, recorded_by_id) VALUES ($1, $2, $3, $4)',
        [village.id, input.povertyStricken, effectiveAt, actor.userId],
      );
      await tx.manager.query(
        `UPDATE villages v SET poverty_stricken = COALESCE(
           (SELECT p.poverty_stricken FROM village_poverty_history p WHERE p.village_id = v.id AND p.effective_at <= $2
             ORDER BY p.effective_at DESC, p.id DESC LIMIT 1), v.designated_poverty_stricken)
         WHERE v.id = $1`,
        [village.id, now],
      );
      await this.events.emit(tx, 'village.poverty-changed', { changes: [{ villageId: village.id, effectiveAt }] });
      return (await tx.manager.getRepository(Village).findOneBy({ id: village.id }))!;
    });
  }
}
