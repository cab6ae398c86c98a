import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who was reached, per scope (as in ImpactScopeSums) and period, as bitmaps that union exactly across
 * periods: kind 'H' households, 'P' households with an allocation made while REGISTERED_POOR, 'V'
 * villages, 'S' villages with an allocation made while poverty-stricken. Bit `id % 1024` of chunk
 * `id / 1024` stands for the household or village `id`. Day and week rows exist for the all-stations
 * scopes only; a station's days are read from the facts.
 */
@Entity('impact_scope_bits')
export class ImpactScopeBits {
  @PrimaryColumn({ type: 'bigint' }) countyId: string;

  @PrimaryColumn({ type: 'bigint' }) stationId: string;

  @PrimaryColumn({ type: 'char', length: 1 }) grain: string;

  @PrimaryColumn({ type: 'date' }) period: string;

  @PrimaryColumn({ type: 'char', length: 1 }) kind: string;

  @PrimaryColumn({ type: 'int' }) chunk: number;

  @Column({ type: 'bit', length: 1024 }) bits: string;
}
