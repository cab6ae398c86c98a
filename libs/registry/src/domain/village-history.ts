/** One poverty exit or re-entry of a village, as the rules need it. */
export interface VillageEntry {
  /** Decimal id: breaks ties between entries effective at the same instant (the later-recorded wins). */
  id: string;
  povertyStricken: boolean;
  effectiveAt: Date;
}

/**
 * The flag in force at `instant`: the latest entry with effectiveAt <= instant (ties by id), or the
 * village's designation before its first entry.
 */
export function strickenAt(entries: readonly VillageEntry[], designated: boolean, instant: Date): boolean {
  let best: VillageEntry | null = null;
  for (const e of entries) {
    if (e.effectiveAt.getTime() > instant.getTime()) continue;
    if (best === null || e.effectiveAt.getTime() > best.effectiveAt.getTime() || (e.effectiveAt.getTime() === best.effectiveAt.getTime() && BigInt(e.id) > BigInt(best.id))) best = e;
  }
  return best ? best.povertyStricken : designated;
}
