import { compareIds } from '@app/kernel';
import { PovertyCategory, PovertyStatus } from './enums';

/** One entry of a household's poverty-status history, as the rules need it. */
export interface StatusEntry {
  /** Decimal id: breaks ties between entries effective at the same instant (the later-recorded wins). */
  id: string;
  status: PovertyStatus;
  category: PovertyCategory | null;
  effectiveAt: Date;
}

export type StatusRuleViolation = { field: 'status' | 'category' | 'effectiveAt'; message: string };

/** Orders entries by effective instant, then id (numerically): the last one in force wins. */
export function compareEntries(a: Pick<StatusEntry, 'id' | 'effectiveAt'>, b: Pick<StatusEntry, 'id' | 'effectiveAt'>): number {
  return a.effectiveAt.getTime() - b.effectiveAt.getTime() || compareIds(a.id, b.id);
}

/**
 * The entry in force at `instant`: the latest whose effectiveAt <= instant (ties by id); null before
 * the first entry (the household was not on the registry then: NOT_REGISTERED).
 */
export function entryAt<E extends StatusEntry>(entries: readonly E[], instant: Date): E | null {
  let best: E | null = null;
  for (const e of entries) {
    if (e.effectiveAt.getTime() > instant.getTime()) continue;
    if (best === null || compareEntries(e, best) > 0) best = e;
  }
  return best;
}

/** The status and category in force at `instant` (NOT_REGISTERED with no category before any entry). */
export function statusAt(entries: readonly StatusEntry[], instant: Date): { status: PovertyStatus; category: PovertyCategory | null } {
  const e = entryAt(entries, instant);
  return e ? { status: e.status, category: e.category } : { status: PovertyStatus.NOT_REGISTERED, category: null };
}

/** A category is given iff the status is REGISTERED_POOR. */
export function checkCategory(status: PovertyStatus, category: PovertyCategory | null | undefined): StatusRuleViolation | null {
  if (status === PovertyStatus.REGISTERED_POOR && !category) {
    return { field: 'category', message: 'A REGISTERED_POOR household needs a category (GENERAL, MINIMUM_SUBSISTENCE or FIVE_GUARANTEE)' };
  }
  if (status !== PovertyStatus.REGISTERED_POOR && category) {
    return { field: 'category', message: `Only REGISTERED_POOR households have a category; leave it empty for ${status}` };
  }
  return null;
}

/**
 * A change may be back-dated but never future-dated: the households table caches the status in force
 * now, and nothing would update that cache when a future instant arrives.
 */
export function checkEffectiveAt(effectiveAt: Date, now: Date): StatusRuleViolation | null {
  if (Number.isNaN(effectiveAt.getTime())) return { field: 'effectiveAt', message: 'effectiveAt is not a valid instant' };
  if (effectiveAt.getTime() > now.getTime()) return { field: 'effectiveAt', message: 'effectiveAt may not lie in the future' };
  return null;
}

/** True when recording `next` would change what the history says (same status and category: no new entry). */
export function isChange(current: { status: PovertyStatus; category: PovertyCategory | null }, next: { status: PovertyStatus; category: PovertyCategory | null }): boolean {
  return current.status !== next.status || (current.category ?? null) !== (next.category ?? null);
}

/** The masked form of a payout account: its last four characters behind four stars ('****1234'). */
export function maskAccount(account: string | null | undefined): string | null {
  if (!account) return null;
  const tail = account.length > 4 ? account.slice(-4) : '';
  return `****${tail}`;
}
