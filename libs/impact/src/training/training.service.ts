import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { civilDay } from '@app/kernel';
import { Actor, badInput, forbidden, inTransaction, notFound, Role } from '@app/platform';
import { householdPlaces } from '@app/registry';
import { StationService } from '@app/stations';
import { safeFen as fen } from '../query/report-sql';
import { withoutJit } from '../query/without-jit';
import { HOUSEHOLD_LOCK } from '../rollup/impact-rollup.service';
import { recountTraineesSql, TRAINING_WINDOW_DAYS } from '../rollup/income-rollup-sql';
import { TrainingOutcomeData, TrainingProgrammeData, TrainingSessionData } from '../domain/training';
import { CreateTrainingProgrammeInput, RecordAttendanceInput, RecordTrainingSessionInput } from './training.inputs';


/** Operators record their station's sessions, officials their county's, admins any (docs/design.md, "Training and exits"). */
export function mayRecordAt(actor: Actor, station: { id: string; countyId: string }): boolean {
  if (actor.role === Role.ADMIN) return true;
  if (actor.role === Role.COUNTY_OFFICIAL) return actor.countyId === station.countyId;
  if (actor.role === Role.STATION_OPERATOR) return actor.stationId === station.id;
  return false;
}

/** The county an outcomes report may cover: an official's own, any for admins; nobody else. */
export function outcomesCountyFor(actor: Actor | null, countyId: string | null): string | null {
  if (actor?.role === Role.ADMIN) return countyId;
  if (actor?.role === Role.COUNTY_OFFICIAL) {
    if (countyId !== null && countyId !== actor.countyId) throw forbidden('Officials read the training outcomes of their own county only');
    return actor.countyId;
  }
  throw forbidden('Training outcomes are for admins and county officials');
}

/** Training programmes, sessions and attendance, and the outcomes report per programme and county. */
@Injectable()
export class TrainingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stations: StationService,
  ) {}

  async createProgramme(input: CreateTrainingProgrammeInput): Promise<TrainingProgrammeData> {
    const [row] = await this.dataSource.query(`INSERT INTO training_programmes (name, topic) VALUES ($1, $2) RETURNING id::text, name, topic`, [input.name, input.topic]);
    return row;
  }

  async programmes(limit: number, afterId: string | null): Promise<TrainingProgrammeData[]> {
    return this.dataSource.query(
      `SELECT id::text, name, topic FROM training_programmes WHERE ($1::bigint IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, limit + 1],
    );
  }

  async programmeCount(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM training_programmes`);
    return n;
  }

  async recordSession(actor: Actor, input: RecordTrainingSessionInput): Promise<TrainingSessionData> {
    const day = new Date(`${input.heldOn}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== input.heldOn) throw badInput('input.heldOn', 'heldOn is not a calendar date');
    if (input.heldOn > civilDay(new Date())) throw badInput('input.heldOn', 'heldOn may not lie in the future');
    const [programme] = await this.dataSource.query(`SELECT id FROM training_programmes WHERE id = $1`, [input.programmeId]);
    if (!programme) throw notFound('TrainingProgramme', input.programmeId, 'input.programmeId');
    const station = await this.station(input.stationId, 'input.stationId');
    if (!mayRecordAt(actor, station)) throw forbidden('Only its operators, the officials of its county and admins record sessions at this station');
    const [row] = await this.dataSource.query(
      `INSERT INTO training_sessions (programme_id, station_id, county_id, held_on, trainer, topic, recorded_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id::text, programme_id::text AS "programmeId", station_id::text AS "stationId", to_char(held_on, 'YYYY-MM-DD') AS "heldOn", trainer, topic, 0 AS attendees`,
      [input.programmeId, station.id, station.countyId, input.heldOn, input.trainer, input.topic, actor.userId],
    );
    return row;
  }

  /** Adds households to a session's attendance (households of the station's county); all or nothing. */
  async recordAttendance(actor: Actor, input: RecordAttendanceInput): Promise<TrainingSessionData> {
    return inTransaction(this.dataSource, async (tx) => {
      const [session] = await tx.manager.query(
        `SELECT s.id::text, s.programme_id::text, s.station_id::text, s.county_id::text, s.held_on FROM training_sessions s WHERE s.id = $1 FOR UPDATE`,
        [input.sessionId],
      );
      if (!session) throw notFound('TrainingSession', input.sessionId, 'input.sessionId');
      if (!mayRecordAt(actor, { id: session.station_id, countyId: session.county_id })) {
        throw forbidden("Only the station's operators, the officials of its county and admins record this session's attendance");
      }
      const ids = [...new Set(input.householdIds)];
      const found = await householdPlaces(tx.manager, ids);
      const missing = ids.find((id) => !found.has(id));
      if (missing) throw notFound('Household', missing, 'input.householdIds');
      // Another county's household reads as unknown here too (no telling which county it is in).
      const foreign = ids.find((id) => found.get(id)!.countyId !== session.county_id);
      if (foreign) throw notFound('Household', foreign, 'input.householdIds');
      await tx.manager.query(
        `INSERT INTO training_attendances (session_id, household_id, programme_id, county_id, held_on, recorded_by_id)
         SELECT $1, h, $2, $3, $4, $5 FROM unnest($6::bigint[]) AS h ORDER BY h
         ON CONFLICT (session_id, household_id) DO NOTHING`,
        [session.id, session.programme_id, session.county_id, session.held_on, actor.userId, ids],
      );
      // The trainees' rollup, recounted for these households (their first session may now be this one),
      // under each household's income lock (in hash order) so that a delivery folding at the same time
      // is seen by this recount or sees its row.
      await tx.manager.query(`SELECT pg_advisory_xact_lock($1, k) FROM (SELECT DISTINCT hashtext(h::text) AS k FROM unnest($2::bigint[]) AS h ORDER BY k) x`, [HOUSEHOLD_LOCK, ids]);
      await tx.manager.query(recountTraineesSql(`a.programme_id = $1 AND a.county_id = $2 AND a.household_id = ANY($3::bigint[])`), [session.programme_id, session.county_id, ids]);
      return this.session(session.id, tx.manager);
    });
  }

  async session(id: string, manager = this.dataSource.manager): Promise<TrainingSessionData> {
    const [row] = await manager.query(
      `SELECT s.id::text, s.programme_id::text AS "programmeId", s.station_id::text AS "stationId", to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn", s.trainer, s.topic,
              (SELECT count(*)::int FROM training_attendances a WHERE a.session_id = s.id) AS attendees
         FROM training_sessions s WHERE s.id = $1`,
      [id],
    );
    return row;
  }

  /**
   * The outcomes per programme (all, or `programmeId`) in a county (or every county, for admins), one
   * row per programme and county. Each trainee is dated by their first session of the programme there.
   */
  async outcomes(countyId: string | null, programmeId: string | null): Promise<TrainingOutcomeData[]> {
    const rows = await withoutJit(this.dataSource, this.outcomesSql(), [countyId, programmeId]);
    return rows.map((r: Record<string, string>) => ({
      programmeId: r.programme_id,
      programmeName: r.programme_name,
      countyId: r.county_id,
      sessions: Number(r.sessions),
      trainees: Number(r.trainees),
      registeredPoorTrainees: Number(r.poor),
      traineesFirstSellingWithin180Days: Number(r.first_sellers),
      supplierNetBeforeFen: fen(r.before),
      supplierNetAfterFen: fen(r.after),
    }));
  }

  /**
   * The outcomes statement ($1 county or null, $2 programme or null), for the report and the CSV export:
   * one row per trainee from the trainees' rollup (first session, status then by the history as it
   * stands, first sale, nets before and after; kept by deliveries, attendances and status changes).
   */
  outcomesSql(): string {
    return `WITH per AS (
              SELECT t.programme_id, t.county_id, count(*) AS trainees,
                     count(*) FILTER (WHERE t.registered_poor) AS poor,
                     count(*) FILTER (WHERE t.first_sale_day >= t.first_day AND t.first_sale_day < t.first_day + ${TRAINING_WINDOW_DAYS}) AS first_sellers,
                     COALESCE(sum(t.net_before_fen), 0) AS before, COALESCE(sum(t.net_after_fen), 0) AS after
                FROM training_trainees t
               WHERE ($1::bigint IS NULL OR t.county_id = $1) AND ($2::bigint IS NULL OR t.programme_id = $2)
               GROUP BY t.programme_id, t.county_id
            )
            SELECT p.id::text AS programme_id, p.name AS programme_name, s.county_id::text, s.sessions,
                   COALESCE(per.trainees, 0) AS trainees, COALESCE(per.poor, 0) AS poor, COALESCE(per.first_sellers, 0) AS first_sellers,
                   COALESCE(per.before, 0) AS before, COALESCE(per.after, 0) AS after
              FROM (SELECT programme_id, county_id, count(*) AS sessions FROM training_sessions
                     WHERE ($1::bigint IS NULL OR county_id = $1) AND ($2::bigint IS NULL OR programme_id = $2) GROUP BY 1, 2) s
              JOIN training_programmes p ON p.id = s.programme_id
              LEFT JOIN per ON per.programme_id = s.programme_id AND per.county_id = s.county_id
             ORDER BY s.county_id, p.id`;
  }

  private async station(id: string, field: string): Promise<{ id: string; countyId: string }> {
    const station = await this.stations.station(id);
    if (!station) throw notFound('Station', id, field);
    return { id: String(station.id), countyId: String(station.countyId) };
  }
}
