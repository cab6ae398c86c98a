import { Injectable } from '@nestjs/common';
import { Tx } from '@app/platform';

/** What settlement owes one household before anything is withheld. */
export interface OwedToHousehold {
  householdId: string;
  amountFen: number;
}

/**
 * Repayment out of sales, as settlement sees it: a port the finance domain plugs in (payouts does not
 * know about loans). Both calls run in settlement's transaction, under its lock.
 */
export interface HouseholdWithholding {
  /** The households that consented to withholding and owe on instalments already due: the only ones asked about. */
  householdsOwing(tx: Tx): Promise<string[]>;
  /**
   * Takes what each household owes from what it is owed (never more), books it, and answers the fen
   * withheld per household; the payout is written for the rest.
   */
  withhold(tx: Tx, owed: OwedToHousehold[]): Promise<Map<string, number>>;
}

/** Holds the plugged-in withholding; with none, settlement withholds nothing. */
@Injectable()
export class SettlementWithholding {
  private impl: HouseholdWithholding | null = null;

  use(impl: HouseholdWithholding): void {
    this.impl = impl;
  }

  get active(): HouseholdWithholding | null {
    return this.impl;
  }
}
