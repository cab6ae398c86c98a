import { NextFunction, Request, Response } from 'express';
import { badInput, MetricsService } from '@app/platform';

const ROUTES = new Set(['/graphql', '/health', '/metrics', '/reports', '/dashboard', '/station', '/assets', '/']);

/** Times every HTTP request for /metrics (by the route, never the raw URL, to bound the label set). */
export function httpMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const first = `/${(req.originalUrl.split('?')[0].split('/')[1] ?? '')}`;
      const route = ROUTES.has(first) ? first : 'other';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

export const MAX_BATCH_OPERATIONS = 5;

/**
 * The largest JSON body. 16 MB is what importHouseholds needs for a county office's CSV of 100,000 rows
 * (about 90 bytes a row in UTF-8, JSON-escaped); nothing else comes close.
 */
export const JSON_BODY_LIMIT = '16mb';

/** A batched GraphQL request (a JSON array) may carry at most a few operations. */
export function batchLimit(req: Request, res: Response, next: NextFunction) {
  if (Array.isArray(req.body) && req.body.length > MAX_BATCH_OPERATIONS) {
    const error = badInput('body', `a batch may carry at most ${MAX_BATCH_OPERATIONS} operations`);
    res.status(400).json({ errors: [{ message: error.message, extensions: { code: error.code, field: error.field } }] });
    return;
  }
  next();
}

/**
 * The body parser's refusals in the contract's shape (BAD_USER_INPUT, field "body") instead of Nest's
 * default page: malformed JSON (400), a body over the limit (413), an encoding or charset the parser
 * does not read (415). Any other error goes on to Nest's handler, which never shows a stack.
 */
export function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction) {
  const type = (error as { type?: string })?.type;
  const refusal =
    type === 'entity.parse.failed'
      ? { status: 400, message: 'The request body is not valid JSON' }
      : type === 'entity.too.large'
        ? { status: 413, message: `The request body is larger than the ${JSON_BODY_LIMIT} allowed` }
        : type === 'encoding.unsupported' || type === 'charset.unsupported'
          ? { status: 415, message: 'The request body must be UTF-8 JSON' }
          : type === 'request.aborted' || type === 'request.size.invalid' || type === 'stream.encoding.set'
            ? { status: 400, message: 'The request body could not be read' }
            : undefined;
  if (!refusal || res.headersSent) return next(error);
  res.status(refusal.status).json({ errors: [{ message: refusal.message, extensions: { code: 'BAD_USER_INPUT', field: 'body' } }] });
}
