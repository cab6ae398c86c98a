import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerService } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger as Pino } from 'pino';
import { AppConfig } from '../config/app-config';

let root: Pino | undefined;

/** The process's one pino logger: JSON lines on stdout, secrets redacted. */
export function rootLogger(config: Pick<AppConfig, 'logLevel'>): Pino {
  root ??= pino({
    level: config.logLevel,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
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
    this.pinoLogger.error({ context, trace }, String(message));
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
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}
