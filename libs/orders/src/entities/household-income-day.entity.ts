import { Entity, PrimaryColumn } from 'typeorm';
import { FenColumn } from '@app/platform';

/**
 * A household's supplier net from the allocations of non-cancelled orders placed on one Asia/Shanghai
 * day: added to in the statement that places an order, taken from when it is cancelled. PRECISION
 * reads a household's last 90 days from these (plus the exact allocations of the window's first, partial
 * day) instead of summing every allocation, so the cost per order does not grow with a household's sales.
 */
@Entity('household_income_days')
export class HouseholdIncomeDay {
  @PrimaryColumn({ type: 'bigint' }) householdId: string;

  @PrimaryColumn({ type: 'date' }) day: string;

  @FenColumn({ default: 0 }) netFen: number;
}
