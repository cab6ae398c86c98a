import { toFen } from '@app/kernel';

// Money split of a village order: the same flooring as produce, line by line (docs/design.md, "Money").
export interface LineAmounts {
  quantity: number;
  unitPriceFen: number;
  farmInput: boolean;
}

export interface VillageOrderSplit {
  totalFen: number;
  stationCommissionFen: number;
  platformFeeFen: number;
  merchantNetFen: number;
  farmInputFen: number;
}

const BPS = 10_000n;

/**
 * Per line: gross = q * p, commission = floor(gross * commissionBps / 10000), fee = floor(gross *
 * platformFeeBps / 10000), the merchant's net the rest; summed over the lines. RangeError on bad input
 * or a sum beyond a safe integer (products are taken in BigInt).
 */
export function splitVillageOrder(lines: LineAmounts[], commissionBps: number, platformFeeBps: number): VillageOrderSplit {
  for (const [name, bps] of [['commissionBps', commissionBps], ['platformFeeBps', platformFeeBps]] as const) {
    if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`${name} must be 0..10000, got ${bps}`);
  }
  if (commissionBps + platformFeeBps > 10_000) throw new RangeError('commission and fee together exceed 100%');
  let total = 0n;
  let commission = 0n;
  let fee = 0n;
  let farm = 0n;
  for (const l of lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || !Number.isSafeInteger(l.unitPriceFen) || l.unitPriceFen < 0) {
      throw new RangeError(`a line needs a positive quantity and a non-negative price: ${l.quantity} x ${l.unitPriceFen}`);
    }
    const gross = BigInt(l.quantity) * BigInt(l.unitPriceFen);
    total += gross;
    commission += (gross * BigInt(commissionBps)) / BPS;
    fee += (gross * BigInt(platformFeeBps)) / BPS;
    if (l.farmInput) farm += gross;
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`total ${total} exceeds the safe integer range`);
  return {
    totalFen: toFen(total),
    stationCommissionFen: toFen(commission),
    platformFeeFen: toFen(fee),
    merchantNetFen: toFen(total - commission - fee),
    farmInputFen: toFen(farm),
  };
}
