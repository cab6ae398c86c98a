// Money split of one allocation (docs/design.md, "Money"). Integer fen only: the products below can pass
// 2^53 long before the fen amounts themselves do, so they are taken in BigInt.

import { toFen } from '@app/kernel';

export interface AllocationAmounts {
  grossFen: number;
  stationCommissionFen: number;
  platformFeeFen: number;
  supplierNetFen: number;
}

const BPS_DENOMINATOR = 10_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function assertNonNegativeSafeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
  }
}

function assertBps(name: string, value: number): void {
  assertNonNegativeSafeInteger(name, value);
  if (value > 10_000) {
    throw new RangeError(`${name} must be at most 10000 bps, got ${value}`);
  }
}

/** Splits q units at p fen into gross, floored station commission and platform fee, and the supplier's remainder; RangeError on bad input or a gross beyond 2^53. */
export function computeAllocationAmounts(
  quantity: number,
  unitPriceFen: number,
  commissionBps: number,
  platformFeeBps: number,
): AllocationAmounts {
  assertNonNegativeSafeInteger('quantity', quantity);
  assertNonNegativeSafeInteger('unitPriceFen', unitPriceFen);
  assertBps('commissionBps', commissionBps);
  assertBps('platformFeeBps', platformFeeBps);
  // Both cuts are floored separately, so a combined rate above 100% would make the supplier's net
  // negative; no configuration should ever allow that.
  if (commissionBps + platformFeeBps > 10_000) {
    throw new RangeError(
      `commissionBps + platformFeeBps must be at most 10000, got ${commissionBps} + ${platformFeeBps}`,
    );
  }

  // A float product above 2^53 is already rounded, so the overflow check has to be exact.
  const gross = BigInt(quantity) * BigInt(unitPriceFen);
  if (gross > MAX_SAFE) {
    throw new RangeError(`grossFen ${gross} (${quantity} x ${unitPriceFen}) exceeds the safe integer range`);
  }
  // BigInt division truncates toward zero, which is floor for these non-negative operands.
  const commission = (gross * BigInt(commissionBps)) / BPS_DENOMINATOR;
  const fee = (gross * BigInt(platformFeeBps)) / BPS_DENOMINATOR;

  const grossFen = toFen(gross);
  const stationCommissionFen = toFen(commission);
  const platformFeeFen = toFen(fee);
  return {
    grossFen,
    stationCommissionFen,
    platformFeeFen,
    supplierNetFen: grossFen - stationCommissionFen - platformFeeFen,
  };
}
