import { Injectable } from '@nestjs/common';

/**
 * The counties a LENDER's institution lends in. The finance domain knows (it owns the institutions) but
 * sits to the right of the registry, so the registry declares this port and finance plugs its
 * implementation in at start-up, as stations does for VillageCoverage. Until one is plugged in, a
 * lender covers no county (deny).
 */
export interface LenderCoverage {
  countyIdsOf(userId: string): Promise<string[]>;
}

@Injectable()
export class LenderCoverageRegistry implements LenderCoverage {
  private impl: LenderCoverage | null = null;

  use(impl: LenderCoverage): void {
    this.impl = impl;
  }

  countyIdsOf(userId: string): Promise<string[]> {
    return this.impl ? this.impl.countyIdsOf(userId) : Promise.resolve([]);
  }
}
