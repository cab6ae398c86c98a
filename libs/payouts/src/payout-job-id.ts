/**
 * The queue job id of a payout's current round: `payout-<id>` for the first, `payout-<id>-retry-<n>`
 * after the n-th admin retry (BullMQ keeps a failed job's id, and refuses all-digit custom ids). Adding
 * a job whose id is kept is a no-op, so settlement, the relay and a retry can all enqueue freely.
 */
export function payoutJobId(payoutId: string, retries: number): string {
  return retries === 0 ? `payout-${payoutId}` : `payout-${payoutId}-retry-${retries}`;
}

/** The round a job id names (0 for the first), or null for an id that is no payout job's. */
export function roundOfJobId(payoutId: string, jobId: string | undefined): number | null {
  if (jobId === `payout-${payoutId}`) return 0;
  const match = jobId === undefined ? null : /^payout-(\d+)-retry-(\d+)$/.exec(jobId);
  return match && match[1] === payoutId ? Number(match[2]) : null;
}
