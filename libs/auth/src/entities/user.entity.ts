import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { County } from '@app/registry';
import { ServiceStation } from '@app/stations';
import { Role } from './role';

@Entity('users')
@Check(
  'chk_users_binding',
  `(role <> 'STATION_OPERATOR' OR station_id IS NOT NULL) AND (role <> 'COUNTY_OFFICIAL' OR county_id IS NOT NULL) AND ((role::text = 'MERCHANT') = (merchant_id IS NOT NULL))`,
)
export class User {
  @IdColumn() id: string;

  /** Lower-cased at the edge, so uniqueness ignores case. */
  @Column({ type: 'varchar', length: 254, unique: true }) email: string;

  @Column({ type: 'varchar', length: 255 }) passwordHash: string;

  @Column({ type: 'varchar', length: 100 }) displayName: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' }) role: Role;

  @RefColumn({ nullable: true }) stationId: string | null;

  @ManyToOne(() => ServiceStation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'station_id' })
  station?: ServiceStation | null;

  @RefColumn({ nullable: true }) countyId: string | null;

  @ManyToOne(() => County, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'county_id' })
  county?: County | null;

  /** The merchant organisation a MERCHANT acts for (owned by the goods domain; no foreign key object here). */
  @RefColumn({ nullable: true }) merchantId: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  /** Set while an admin has disabled the account: it cannot sign in and its tokens are refused. */
  @Column({ type: 'timestamptz', nullable: true }) disabledAt: Date | null;

  /**
   * Carried in every token as `ver`; the guard refuses a token whose version is not the account's.
   * Raised by a password change, a disable and an admin's "end sessions": every earlier token stops
   * working at once, while tokens issued after it keep working (no clock comparison at the second).
   */
  @Column({ type: 'int', default: 0 }) tokenVersion: number;
}
