import { Server } from 'node:http';

/** How long requests in flight get to finish after SIGTERM before their connections are cut. */
export const DRAIN_GRACE_MS = 25_000;

/**
 * Stops taking connections and resolves once every request in flight has been answered. New
 * connections are refused at once (the listening socket closes); idle keep-alive connections are
 * closed, and a request that still arrives on one gets its answer with `Connection: close`, so no
 * client is left with a request the server dropped. After `graceMs` the remaining connections are cut.
 */
export function drainHttp(server: Server, graceMs = DRAIN_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    server.on('request', (_req, res) => {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    });
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
