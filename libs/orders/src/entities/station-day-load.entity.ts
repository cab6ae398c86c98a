import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Fulfilments routed to a station on one Asia/Shanghai day. A slot is taken by one conditional
 * upsert (`routed < capacity`), so two orders never both take a station's last slot.
 */
@Entity('station_day_loads')
export class StationDayLoad {
  @PrimaryColumn({ type: 'bigint' }) stationId: string;

  @PrimaryColumn({ type: 'date' }) day: string;

  @Column({ type: 'int', default: 0 }) routed: number;
}
