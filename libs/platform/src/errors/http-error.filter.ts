import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/kernel';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.CONFLICT]: 409,
};

interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  json(body: unknown): void;
  destroy(error?: Error): void;
}

/**
 * The HTTP face of the contract's errors for the plain HTTP routes (report downloads, photo uploads):
 * the status that fits the code, and a JSON body `{ error: { code, message, field? } }` (field as
 * GraphQL's extensions.field). An error after a download has started can only cut it short.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    if (res.headersSent) {
      this.logger.error(`download cut short: ${(exception as Error)?.message ?? exception}`);
      res.destroy();
      return;
    }
    if (exception instanceof DomainError) {
      const error = { code: exception.code, message: exception.message, ...(exception.field ? { field: exception.field } : {}) };
      res.status(STATUS[exception.code] ?? 500).json({ error });
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const code = status === 401 ? ErrorCode.UNAUTHENTICATED : status === 403 ? ErrorCode.FORBIDDEN : status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.BAD_USER_INPUT;
      res.status(status).json({ error: { code, message: exception.message } });
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' } });
  }
}
