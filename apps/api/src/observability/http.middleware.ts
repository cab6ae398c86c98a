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

/** A batched GraphQL request (a JSON array) may carry at most a few operations. */
export function batchLimit(req: Request, res: Response, next: NextFunction) {
  if (Array.isArray(req.body) && req.body.length > MAX_BATCH_OPERATIONS) {
    const error = badInput('body', `a batch may carry at most ${MAX_BATCH_OPERATIONS} operations`);
    res.status(400).json({ errors: [{ message: error.message, extensions: { code: error.code, field: error.field } }] });
    return;
  }
  next();
}
