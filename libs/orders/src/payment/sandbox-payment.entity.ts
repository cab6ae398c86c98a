import { Column, CreateDateColumn, Entity, Unique } from 'typeorm';
import { FenColumn, IdColumn } from '@app/platform';

/**
 * The sandbox payment gateway's own books: one row per operation on an authorisation (AUTHORISE,
 * CAPTURE, VOID, REFUND, and REFUND_FAILED for its injected failure), at most one of each, which is
 * what makes capture, void and refund idempotent.
 */
@Entity('sandbox_payments')
@Unique('uq_sandbox_payments_operation', ['authorisation', 'operation'])
export class SandboxPayment {
  @IdColumn() id: string;

  @Column({ type: 'varchar', length: 100 }) authorisation: string;

  @Column({ type: 'varchar', length: 16 }) operation: string;

  @FenColumn() amountFen: number;

  /** The buyer's token (AUTHORISE rows): the sandbox's fault injection reads it. */
  @Column({ type: 'varchar', length: 200, nullable: true }) token: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
