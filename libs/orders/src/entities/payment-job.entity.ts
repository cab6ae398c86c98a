import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { Order } from './order.entity';

export enum PaymentJobKind {
  /** Take the authorised amount: written with the order, done once it has committed. */
  CAPTURE = 'CAPTURE',
  /** Give it back: written with the cancellation. */
  REFUND = 'REFUND',
}

export enum PaymentJobStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
}

/**
 * The payments outbox: money to move at the gateway, written in the same transaction as what caused it
 * (the order, its cancellation), so that a crash after the commit loses nothing; the queue drives the
 * work and a relay puts back what the queue lost. One of each kind per order.
 */
@Entity('payment_jobs')
@Unique('uq_payment_jobs_order_kind', ['orderId', 'kind'])
@Index('idx_payment_jobs_pending', ['kind', 'id'], { where: `status = 'PENDING'` })
@Check('chk_payment_jobs_amount', 'amount_fen > 0')
export class PaymentJob {
  @IdColumn() id: string;

  @RefColumn() orderId: string;

  @ManyToOne(() => Order, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  @Column({ type: 'enum', enum: PaymentJobKind, enumName: 'payment_job_kind' }) kind: PaymentJobKind;

  @Column({ type: 'enum', enum: PaymentJobStatus, enumName: 'payment_job_status', default: PaymentJobStatus.PENDING }) status: PaymentJobStatus;

  /** The gateway's authorisation the money moves under (the order's payment reference). */
  @Column({ type: 'varchar', length: 100 }) authorisation: string;

  @FenColumn() amountFen: number;

  @Column({ type: 'int', default: 0 }) attempts: number;

  @Column({ type: 'text', nullable: true }) lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true }) doneAt: Date | null;
}
