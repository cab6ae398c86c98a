import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';

/** A training programme (e-commerce, walnut grafting, pepper drying ...): its sessions are held at stations. */
@Entity('training_programmes')
export class TrainingProgramme {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 100 }) topic: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** One session of a programme, held at a station on an Asia/Shanghai date by a trainer. */
@Entity('training_sessions')
@Index(['stationId', 'heldOn'])
@Index(['countyId', 'heldOn'])
export class TrainingSession {
  @IdColumn() id: string;
  @RefColumn() programmeId: string;
  @RefColumn() stationId: string;
  /** The station's county, so reports and access stay within one county. */
  @RefColumn() countyId: string;
  @Column({ type: 'date' }) heldOn: string;
  @Column({ type: 'varchar', length: 100 }) trainer: string;
  @Column({ type: 'varchar', length: 200 }) topic: string;
  @RefColumn({ nullable: true }) recordedById: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A household attended a session (programme, county and date copied from the session for the outcomes report). */
@Entity('training_attendances')
@Index(['programmeId', 'countyId', 'householdId', 'heldOn'])
@Index(['householdId'])
export class TrainingAttendance {
  @PrimaryColumn({ type: 'bigint' }) sessionId: string;
  @PrimaryColumn({ type: 'bigint' }) householdId: string;
  @RefColumn() programmeId: string;
  @RefColumn() countyId: string;
  @Column({ type: 'date' }) heldOn: string;
  @RefColumn({ nullable: true }) recordedById: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
}
