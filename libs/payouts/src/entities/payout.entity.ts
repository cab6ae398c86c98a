import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { Household } from '@app/registry';
import { ServiceStation } from '@app/stations';
import { PayeeKind, PayoutStatus } from '../domain/enums';

/** Money owed to one payee by one settlement run; paid by a queue job whose id is this payout's id. */
@Entity('payouts')
// 0 only for a payout wholly withheld for loan instalments (written PAID at settlement).
@Check('chk_payouts_amount', 'amount_fen >= 0')
@Check(
  'chk_payouts_payee',
  `(payee_kind = 'HOUSEHOLD' AND household_id IS NOT NULL AND station_id IS NULL AND merchant_id IS NULL) OR (payee_kind = 'STATION' AND station_id IS NOT NULL AND household_id IS NULL AND merchant_id IS NULL) OR (payee_kind::text = 'MERCHANT' AND merchant_id IS NOT NULL AND household_id IS NULL AND station_id IS NULL)`,
)
@Index(['status', 'id'])
@Index(['householdId', 'id'])
@Index(['stationId', 'id'])
@Index(['merchantId', 'id'])
@Index(['countyId', 'id'])
export class Payout {
  @IdColumn() id: string;

  @Column({ type: 'enum', enum: PayeeKind, enumName: 'payee_kind' }) payeeKind: PayeeKind;

  @RefColumn({ nullable: true }) householdId: string | null;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'household_id' })
  household?: Household | null;

  @RefColumn({ nullable: true }) stationId: string | null;

  @ManyToOne(() => ServiceStation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'station_id' })
  station?: ServiceStation | null;

  /** A MERCHANT payee (the goods domain's merchant organisation). */
  @RefColumn({ nullable: true }) merchantId: string | null;

  /** The payee's county, for officials' access. */
  @RefColumn() countyId: string;

  @FenColumn() amountFen: number;

  /**
   * Where the money goes (a household's payout account), fixed at settlement: every attempt and every
   * retry pays this account, so a payee that changes its account meanwhile cannot split one payout's
   * key between two accounts. Null for stations, which have no account yet. Never returned whole.
   */
  @Column({ type: 'varchar', length: 64, nullable: true }) payoutAccount: string | null;

  @Column({ type: 'enum', enum: PayoutStatus, enumName: 'payout_status', default: PayoutStatus.PENDING })
  status: PayoutStatus;

  /** Provider attempts in the current round (reset by an admin's retry). */
  @Column({ type: 'int', default: 0 }) attempts: number;

  /**
   * Times an admin retried it after FAILED. Names the queue job of the current round (`payout-<id>`,
   * then `payout-<id>-retry-<n>`): BullMQ keeps a failed job's id, so a new round needs a new one.
   */
  @Column({ type: 'int', default: 0 }) retries: number;

  @Column({ type: 'text', nullable: true }) lastError: string | null;

  /** The provider's transfer reference once paid. */
  @Column({ type: 'varchar', length: 100, nullable: true }) providerReference: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true }) paidAt: Date | null;
}
