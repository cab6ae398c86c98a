import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Households reached ('H') and registered-poor households reached ('P') per village, station (0: all) and month, as bitmaps (see ImpactScopeBits). */
@Entity('impact_village_bits')
@Index(['stationId', 'month'])
export class ImpactVillageBits {
  @PrimaryColumn({ type: 'bigint' }) countyId: string;

  @PrimaryColumn({ type: 'bigint' }) stationId: string;

  @PrimaryColumn({ type: 'date' }) month: string;

  @PrimaryColumn({ type: 'bigint' }) villageId: string;

  @PrimaryColumn({ type: 'char', length: 1 }) kind: string;

  @PrimaryColumn({ type: 'int' }) chunk: number;

  @Column({ type: 'bit', length: 1024 }) bits: string;
}
