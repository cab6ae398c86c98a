import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toFen } from '@app/kernel';
import { DomainError, ErrorCode } from '@app/platform';

export interface AuthoriseRequest {
  /** The buyer's payment token from the client. */
  token: string;
  amountFen: number;
}

/** A refusal by the gateway on an operation that can be tried again (not a decline). */
export class GatewayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayError';
  }
}

/**
 * The payment gateway behind placeOrder: an interface with a sandbox implementation, the way the
 * payout provider is one. Money is authorised (held) before the order is written, captured once it has
 * committed, voided when it is not written after all, refunded when it is cancelled. Capture, void and
 * refund are idempotent per authorisation: asking again answers the first outcome and moves nothing.
 */
export interface PaymentGateway {
  /** Holds the amount on the buyer's means of payment; PAYMENT_DECLINED when refused. Returns the authorisation. */
  authorise(request: AuthoriseRequest): Promise<string>;
  /** Takes the held amount. Returns the capture's reference. */
  capture(authorisation: string, amountFen: number): Promise<string>;
  /** Releases a hold that will not be captured (refused once captured). */
  void(authorisation: string): Promise<void>;
  /** Returns a captured amount to the payer (cancellation). */
  refund(authorisation: string, amountFen: number): Promise<void>;
}

export const PAYMENT_GATEWAY = Symbol('PAYMENT_GATEWAY');

/** Sandbox tokens: 'decline' is refused; 'fail-refund-once' makes the first refund of its payment fail. */
export const SANDBOX_DECLINE = 'decline';
export const SANDBOX_FAIL_REFUND_ONCE = 'fail-refund-once';

interface OperationRow {
  operation: string;
  amount_fen: string;
  token: string | null;
}

/**
 * The sandbox: keeps its operations in its own table (sandbox_payments), one row per operation on an
 * authorisation, so tests can count captures, voids and refunds; a repeat finds the row and does nothing.
 */
@Injectable()
export class SandboxPaymentGateway implements PaymentGateway {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async authorise(request: AuthoriseRequest): Promise<string> {
    if (request.token === SANDBOX_DECLINE) throw new DomainError(ErrorCode.PAYMENT_DECLINED, 'The payment was declined', 'input.paymentToken');
    const authorisation = `sbx_${randomUUID()}`;
    await this.dataSource.query(`INSERT INTO sandbox_payments (authorisation, operation, amount_fen, token) VALUES ($1, 'AUTHORISE', $2, $3)`, [
      authorisation,
      request.amountFen,
      request.token,
    ]);
    return authorisation;
  }

  async capture(authorisation: string, amountFen: number): Promise<string> {
    const ops = await this.operations(authorisation);
    const auth = ops.get('AUTHORISE');
    if (!auth) throw new GatewayError(`sandbox: no authorisation ${authorisation}`);
    if (ops.has('VOID')) throw new GatewayError(`sandbox: authorisation ${authorisation} was voided`);
    if (amountFen > toFen(auth.amount_fen)) throw new GatewayError(`sandbox: capture of ${amountFen} fen exceeds the ${auth.amount_fen} authorised`);
    await this.record(authorisation, 'CAPTURE', amountFen);
    return `${authorisation}:capture`;
  }

  async void(authorisation: string): Promise<void> {
    const ops = await this.operations(authorisation);
    if (!ops.has('AUTHORISE')) throw new GatewayError(`sandbox: no authorisation ${authorisation}`);
    if (ops.has('CAPTURE')) throw new GatewayError(`sandbox: authorisation ${authorisation} is captured; refund it instead`);
    await this.record(authorisation, 'VOID', Number(ops.get('AUTHORISE')!.amount_fen));
    // A capture that raced in first wins (the row is unique per operation, not per authorisation).
    const after = await this.operations(authorisation);
    if (after.has('CAPTURE')) throw new GatewayError(`sandbox: authorisation ${authorisation} is captured; refund it instead`);
  }

  async refund(authorisation: string, amountFen: number): Promise<void> {
    const ops = await this.operations(authorisation);
    const auth = ops.get('AUTHORISE');
    // Payments taken before the sandbox kept books (no AUTHORISE row) were captured at placement.
    if (auth && !ops.has('CAPTURE')) throw new GatewayError(`sandbox: authorisation ${authorisation} is not captured`);
    if (ops.has('REFUND')) return;
    if (auth?.token === SANDBOX_FAIL_REFUND_ONCE && !ops.has('REFUND_FAILED')) {
      await this.record(authorisation, 'REFUND_FAILED', amountFen);
      throw new GatewayError(`sandbox: refund of ${authorisation} failed (${SANDBOX_FAIL_REFUND_ONCE})`);
    }
    await this.record(authorisation, 'REFUND', amountFen);
  }

  private async operations(authorisation: string): Promise<Map<string, OperationRow>> {
    const rows: Array<OperationRow> = await this.dataSource.query(
      `SELECT operation, amount_fen::text, token FROM sandbox_payments WHERE authorisation = $1`,
      [authorisation],
    );
    return new Map(rows.map((r) => [r.operation, r]));
  }

  private async record(authorisation: string, operation: string, amountFen: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sandbox_payments (authorisation, operation, amount_fen) VALUES ($1, $2, $3) ON CONFLICT (authorisation, operation) DO NOTHING`,
      [authorisation, operation, amountFen],
    );
  }
}
