import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FenColumn } from '@app/platform';

/**
 * Sums of the counted allocations per scope and Asia/Shanghai day ('D'), week ('W', by its Monday) or
 * month ('M'). A scope is a
 * county and a listing station, 0 standing for "all" (so the four filter shapes each read their own
 * rows). An order lies in one day, so its count per day adds up over days; across counties or
 * stations it would not, hence the "all" rows rather than sums over them.
 */
@Entity('impact_scope_sums')
export class ImpactScopeSums {
  @PrimaryColumn({ type: 'bigint' }) countyId: string;

  @PrimaryColumn({ type: 'bigint' }) stationId: string;

  @PrimaryColumn({ type: 'char', length: 1 }) grain: string;

  /** The day, the Monday of the week, or the first day of the month. */
  @PrimaryColumn({ type: 'date' }) period: string;

  @Column({ type: 'int' }) ordersCount: number;

  @Column({ type: 'int' }) allocationsCount: number;

  @FenColumn() grossFen: number;

  @FenColumn() netFen: number;

  @FenColumn() poorNetFen: number;

  @FenColumn() paidNetFen: number;
}
