/** The error codes of the API contract; every failure a client sees carries one in extensions.code. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  INSUFFICIENT_STOCK = 'INSUFFICIENT_STOCK',
  PAYMENT_DECLINED = 'PAYMENT_DECLINED',
  INVALID_STATE = 'INVALID_STATE',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** A failure the caller can act on. Thrown anywhere in a domain; mapped to the API in one place. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The offending input field (dotted path from the argument, e.g. `input.lines.0.quantity`). */
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field);
export const notFound = (what: string, id?: string, field?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, id === undefined ? `${what} not found` : `${what} ${id} not found`, field);
export const forbidden = (message = 'You may not do this') => new DomainError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'Sign in first') => new DomainError(ErrorCode.UNAUTHENTICATED, message);
export const invalidState = (message: string) => new DomainError(ErrorCode.INVALID_STATE, message);
export const conflict = (message: string, field?: string) => new DomainError(ErrorCode.CONFLICT, message, field);
/** RATE_LIMITED, saying when to try again (also as `extensions.retryAfterSeconds`). */
export const rateLimited = (what: string, retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError(ErrorCode.RATE_LIMITED, `Too many ${what}: try again in ${seconds} second${seconds === 1 ? '' : 's'}`, undefined, { retryAfterSeconds: seconds });
};
