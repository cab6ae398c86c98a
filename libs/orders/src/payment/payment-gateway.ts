import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/platform';

export interface CaptureRequest {
  /** The buyer's payment token from the client. */
  token: string;
  amountFen: number;
  /** Stable per (buyer, idempotencyKey): a real gateway returns the same capture for a repeat. */
  idempotencyKey: string;
}

/**
 * The payment gateway behind placeOrder: an interface with a sandbox implementation, the way the
 * payout provider is one. A real adapter's capture would be reversed (voided) when the placing
 * transaction rolls back after it; the sandbox moves no money, so nothing needs undoing.
 */
export interface PaymentGateway {
  /** Captures the amount; PAYMENT_DECLINED when the gateway refuses. Returns the capture reference. */
  capture(request: CaptureRequest): Promise<string>;
  /** Returns a captured amount to the payer (cancellation). */
  refund(reference: string, amountFen: number): Promise<void>;
}

export const PAYMENT_GATEWAY = Symbol('PAYMENT_GATEWAY');

/** The sandbox: the token 'decline' is refused, any other is captured under a generated reference. */
@Injectable()
export class SandboxPaymentGateway implements PaymentGateway {
  async capture(request: CaptureRequest): Promise<string> {
    if (request.token === 'decline') throw new DomainError(ErrorCode.PAYMENT_DECLINED, 'The payment was declined', 'input.paymentToken');
    return `sbx_${randomUUID()}`;
  }

  async refund(): Promise<void> {
    // Nothing moved, nothing to return.
  }
}
