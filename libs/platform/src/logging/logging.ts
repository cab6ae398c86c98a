import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerService } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger as Pino } from 'pino';
import { AppConfig } from '../config/app-config';
import { safeError, withoutValues } from './safe-error';

/** A request's URL as logged: its path, never its query string (passwords, tokens, search terms). */
export const pathOnly = (url: string | undefined) => (url ?? '').split(/[?#]/)[0];

let root: Pino | undefined;

/**
 * The process's one pino logger: JSON lines on stdout, secrets redacted, errors without the data in
 * play (safeError: no SQL parameters, no failing rows), messages without the values a database error
 * quotes (a stack logged as text, a job's failure).
 */
export function rootLogger(config: Pick<AppConfig, 'logLevel'>): Pino {
  root ??= pino({
    level: config.logLevel,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: safeError, error: safeError },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? withoutValues(a) : a)) as Parameters<typeof method>);
      },
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password', 'payoutAccount', '*.payoutAccount'], censor: '[redacted]' },
  });
  return root;
}

/** Nest's logger interface over pino, for the lines written before and outside a request. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pinoLogger: Pino) {}
  log(message: unknown, context?: string) {
    this.pinoLogger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pinoLogger.error({ context, trace: typeof trace === 'string' ? withoutValues(trace) : trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pinoLogger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pinoLogger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pinoLogger.trace({ context }, String(message));
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Request logging with nestjs-pino: every request gets an id (a sane incoming X-Request-Id, or a new
 * UUID), sent back in X-Request-Id and carried by every log line written while serving it.
 */
export function loggingModule(config: AppConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      logger: rootLogger(config),
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req: IncomingMessage) => ['/health', '/health/ready', '/metrics'].includes(pathOnly(req.url)) },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: pathOnly(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: safeError,
      },
    },
  });
}
