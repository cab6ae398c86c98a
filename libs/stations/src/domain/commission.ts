// A station's commission and the platform fee are both cut from an allocation's gross (docs/design.md,
// "Money"); together they may take all of it but never more, or the supplier's net would be negative.

export const BPS_WHOLE = 10_000;

/** The highest commission a station may charge beside a platform fee of `platformFeeBps`. */
export function maxCommissionBps(platformFeeBps: number): number {
  return Math.max(0, BPS_WHOLE - platformFeeBps);
}

/** Why `commissionBps` cannot stand beside the platform fee, or null when it can. */
export function commissionProblem(commissionBps: number, platformFeeBps: number): string | null {
  const max = maxCommissionBps(platformFeeBps);
  if (commissionBps <= max) return null;
  return `commissionBps must be at most ${max}: with the platform fee of ${platformFeeBps} bps, more would leave the supplier a negative share`;
}
