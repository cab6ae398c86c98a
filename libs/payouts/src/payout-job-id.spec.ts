import { describe, expect, it } from '@jest/globals';
import { payoutJobId, roundOfJobId } from './payout-job-id';

describe('payout job ids', () => {
  it('names the first round by the payout id and each admin retry apart', () => {
    expect(payoutJobId('42', 0)).toBe('payout-42');
    expect(payoutJobId('42', 3)).toBe('payout-42-retry-3');
  });

  it('reads the round back, and refuses ids of another payout or shape', () => {
    expect(roundOfJobId('42', 'payout-42')).toBe(0);
    expect(roundOfJobId('42', 'payout-42-retry-3')).toBe(3);
    expect(roundOfJobId('42', 'payout-420')).toBeNull();
    expect(roundOfJobId('42', 'payout-4-retry-2')).toBeNull();
    expect(roundOfJobId('42', '42')).toBeNull();
    expect(roundOfJobId('42', undefined)).toBeNull();
  });
});
