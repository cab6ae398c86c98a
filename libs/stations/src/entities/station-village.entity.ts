import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Village } from '@app/registry';
import { ServiceStation } from './station.entity';

/** A village a station serves: its households' produce may be listed, collected and routed there. */
@Entity('station_villages')
@Index(['villageId', 'stationId'])
export class StationVillage {
  @PrimaryColumn({ type: 'bigint' }) stationId: string;

  @PrimaryColumn({ type: 'bigint' }) villageId: string;

  @ManyToOne(() => ServiceStation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'station_id' })
  station?: ServiceStation;

  @ManyToOne(() => Village, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_id' })
  village?: Village;
}
