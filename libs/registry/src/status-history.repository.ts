import { EntityManager } from 'typeorm';
import { PovertyCategory, PovertyStatus } from './domain/enums';
import { StatusEntry } from './domain/status-history';

/**
 * The SQL side of the status-history rules, shared by the household service and the import: the
 * households table caches the entry in force now, and these keep that cache true.
 */
export const statusHistorySql = {
  /** A household's whole history, oldest first. */
  async entries(manager: EntityManager, householdId: string): Promise<StatusEntry[]> {
    const rows: Array<{ id: string; status: PovertyStatus; category: PovertyCategory | null; effective_at: Date }> = await manager.query(
      'SELECT id::text, status, category, effective_at FROM poverty_status_history WHERE household_id = $1 ORDER BY effective_at, id',
      [householdId],
    );
    return rows.map((r) => ({ id: r.id, status: r.status, category: r.category, effectiveAt: r.effective_at }));
  },

  /**
   * Sets households.poverty_status/category of `householdIds` to their latest entry with
   * effective_at <= `now` (ties by id). Entries are never future-dated, so this is the status in force.
   */
  async refreshCache(manager: EntityManager, householdIds: string[], now: Date): Promise<void> {
    if (householdIds.length === 0) return;
    await manager.query(
      `UPDATE households h SET poverty_status = l.status, poverty_category = l.category, updated_at = now()
       FROM (SELECT DISTINCT ON (household_id) household_id, status, category FROM poverty_status_history
             WHERE household_id = ANY($1::bigint[]) AND effective_at <= $2 ORDER BY household_id, effective_at DESC, id DESC) l
       WHERE h.id = l.household_id AND (h.poverty_status IS DISTINCT FROM l.status OR h.poverty_category IS DISTINCT FROM l.category)`,
      [householdIds, now],
    );
  },
};
