import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { FenColumn } from '@app/platform';

/** A county's credit policy as its officials set it; a county without a row has the defaults (DEFAULT_CREDIT_POLICY). */
@Entity('county_credit_policies')
@Check('chk_credit_policy_shares', 'annual_rate_bps BETWEEN 0 AND 10000 AND subsidy_share_bps BETWEEN 0 AND 10000 AND fund_coverage_bps BETWEEN 0 AND 10000')
@Check('chk_credit_policy_lines', 'line_aaa_fen >= 0 AND line_aa_fen >= 0 AND line_a_fen >= 0 AND line_b_fen >= 0 AND line_c_fen >= 0')
export class CountyCreditPolicy {
  @PrimaryColumn({ type: 'bigint' }) countyId: string;
  @FenColumn() lineAaaFen: number;
  @FenColumn() lineAaFen: number;
  @FenColumn() lineAFen: number;
  @FenColumn() lineBFen: number;
  @FenColumn() lineCFen: number;
  @Column({ type: 'int' }) annualRateBps: number;
  @Column({ type: 'int' }) subsidyShareBps: number;
  @Column({ type: 'int' }) fundCoverageBps: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A county's risk-compensation and interest-subsidy funds: balances kept with every movement's ledger entry. */
@Entity('county_funds')
@Check('chk_county_funds_risk', 'risk_balance_fen >= 0')
export class CountyFund {
  @PrimaryColumn({ type: 'bigint' }) countyId: string;
  @FenColumn({ default: 0 }) riskBalanceFen: number;
  /** May go below zero: an instalment's subsidy falls due whatever the fund holds (the county owes it). */
  @FenColumn({ default: 0 }) subsidyBalanceFen: number;
  @FenColumn({ default: 0 }) riskPaidFen: number;
  @FenColumn({ default: 0 }) subsidyPaidFen: number;
}
