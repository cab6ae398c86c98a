import { registeredPoorBeforeSql } from '@app/registry';

// The per-household and per-trainee income rollups (impact_household_totals, training_trainees): what
// the poverty-line count and the training outcomes read instead of a year of households' days, and the
// households' running totals by day (impact_household_days.cum_net_fen). Kept exact in the transaction
// of each change that moves them (a delivery folds its facts: ADD_HOUSEHOLD_DAYS_SQL, ADD_RUNNING_TOTALS_SQL, ADD_DAYS_SQL; an
// attendance recorded: recountTraineesSql for its households; a status recorded or corrected:
// RESTATUS_TRAINEES_SQL), rebuilt by ImpactRebuildService, and backfilled by migrations IncomeRollups
// and TraineeStatus (the same statements).

/**
 * After the CTE `n` of new facts: adds their nets to the households' days. A day row new to the
 * household starts with the running total (cum_net_fen) of its day before, as it stood; the statement
 * after it (ADD_RUNNING_TOTALS_SQL) then adds the new nets to that day and every later one. Rows are
 * written in key order; one household's rows are only written under its income lock (HOUSEHOLD_LOCK).
 */
export const ADD_HOUSEHOLD_DAYS_SQL = `
  INSERT INTO impact_household_days AS t (household_id, day, county_id, net_fen, cum_net_fen)
  SELECT n.household_id, n.day, n.county_id, sum(n.net_fen),
         COALESCE((SELECT b.cum_net_fen FROM impact_household_days b WHERE b.household_id = n.household_id AND b.day < n.day ORDER BY b.day DESC LIMIT 1), 0)
    FROM n GROUP BY 1, 2, 3 ORDER BY 1, 2
  ON CONFLICT (household_id, day) DO UPDATE SET net_fen = t.net_fen + EXCLUDED.net_fen`;

/** After the CTE `n` of the facts ADD_HOUSEHOLD_DAYS_SQL added: each of their households' days from the first new one on gains the new nets up to it. */
export const ADD_RUNNING_TOTALS_SQL = `
  d AS (SELECT household_id, day, sum(net_fen) AS net FROM n GROUP BY 1, 2)
  UPDATE impact_household_days t SET cum_net_fen = t.cum_net_fen + a.added
    FROM (SELECT b.household_id, b.day, sum(d.net) AS added
            FROM d JOIN impact_household_days b ON b.household_id = d.household_id AND b.day >= d.day
           GROUP BY 1, 2) a
   WHERE t.household_id = a.household_id AND t.day = a.day`;

/** The days of the households with ids in ($1, $2] from the facts, with their running totals (a rebuild). */
export const REBUILD_HOUSEHOLD_DAYS_SQL = `
  INSERT INTO impact_household_days (household_id, day, county_id, net_fen, cum_net_fen)
  SELECT household_id, day, min(county_id), sum(net_fen), sum(sum(net_fen)) OVER (PARTITION BY household_id ORDER BY day)
    FROM impact_facts WHERE household_id > $1 AND household_id <= $2 GROUP BY household_id, day`;

/** Days before and after a trainee's first session that the outcomes compare. */
export const TRAINING_WINDOW_DAYS = 180;

/**
 * After the CTE `d(household_id, county_id, day, net)` of new income (one row per household and day):
 * adds it to the households' totals (lifetime net, first day with a sale) and to the trainees' nets of
 * the households whose window holds the day. Rows are written in key order (deliveries lock them alike).
 */
export const ADD_DAYS_SQL = `
  tot AS (
    INSERT INTO impact_household_totals AS t (household_id, county_id, net_fen, first_day)
    SELECT household_id, min(county_id), sum(net), min(day) FROM d GROUP BY household_id ORDER BY household_id
    ON CONFLICT (household_id) DO UPDATE SET net_fen = t.net_fen + EXCLUDED.net_fen, first_day = LEAST(t.first_day, EXCLUDED.first_day)
  ), tr AS (
    SELECT r.county_id, r.programme_id, r.household_id,
           COALESCE(sum(d.net) FILTER (WHERE d.day >= r.first_day - ${TRAINING_WINDOW_DAYS} AND d.day < r.first_day), 0) AS before,
           COALESCE(sum(d.net) FILTER (WHERE d.day >= r.first_day AND d.day < r.first_day + ${TRAINING_WINDOW_DAYS}), 0) AS after,
           min(d.day) AS first_sale
      FROM d JOIN training_trainees r ON r.household_id = d.household_id
     GROUP BY 1, 2, 3
  )
  UPDATE training_trainees r SET net_before_fen = r.net_before_fen + tr.before, net_after_fen = r.net_after_fen + tr.after,
                                 first_sale_day = LEAST(r.first_sale_day, tr.first_sale)
    FROM tr WHERE r.county_id = tr.county_id AND r.programme_id = tr.programme_id AND r.household_id = tr.household_id`;

/** The households' totals recounted from impact_household_days (all of them: a rebuild, the backfill). */
export const RECOUNT_TOTALS_SQL = `
  INSERT INTO impact_household_totals (household_id, county_id, net_fen, first_day)
  SELECT household_id, min(county_id), sum(net_fen), min(day) FROM impact_household_days GROUP BY household_id`;

/** REGISTERED_POOR at the end of the Asia/Shanghai day `day` (the first session's), by the status history as it stands. */
export const poorAtEndOfSql = (household: string, day: string): string =>
  registeredPoorBeforeSql(household, `((${day} + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);

/** The trainees of the households re-read for their status at their first session (a status recorded or corrected). */
export const RESTATUS_TRAINEES_SQL = `
  UPDATE training_trainees r SET registered_poor = ${poorAtEndOfSql('r.household_id', 'r.first_day')}
   WHERE r.household_id = ANY($1::bigint[])`;

/**
 * The trainees of the attendances matching `where` (over training_attendances `a`) recounted from the
 * attendances, the households' totals and impact_household_days: each trainee dated by their first
 * session of the programme in the county. Upserts, so it serves a rebuild and a recorded attendance.
 */
export const recountTraineesSql = (where: string): string => `
  INSERT INTO training_trainees AS r (county_id, programme_id, household_id, first_day, registered_poor, first_sale_day, net_before_fen, net_after_fen)
  SELECT t.county_id, t.programme_id, t.household_id, t.d, ${poorAtEndOfSql('t.household_id', 't.d')}, tot.first_day,
         COALESCE((SELECT sum(b.net_fen) FROM impact_household_days b
                    WHERE b.household_id = t.household_id AND b.day >= t.d - ${TRAINING_WINDOW_DAYS} AND b.day < t.d), 0),
         COALESCE((SELECT sum(b.net_fen) FROM impact_household_days b
                    WHERE b.household_id = t.household_id AND b.day >= t.d AND b.day < t.d + ${TRAINING_WINDOW_DAYS}), 0)
    FROM (SELECT a.county_id, a.programme_id, a.household_id, min(a.held_on) AS d FROM training_attendances a WHERE ${where} GROUP BY 1, 2, 3) t
    LEFT JOIN impact_household_totals tot ON tot.household_id = t.household_id
   ORDER BY 1, 2, 3
  ON CONFLICT (county_id, programme_id, household_id) DO UPDATE SET first_day = EXCLUDED.first_day, registered_poor = EXCLUDED.registered_poor,
    first_sale_day = EXCLUDED.first_sale_day,
    net_before_fen = EXCLUDED.net_before_fen, net_after_fen = EXCLUDED.net_after_fen`;
