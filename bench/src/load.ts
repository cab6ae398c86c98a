import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Builds each request's JSON body and headers (called per request, so bodies can vary). */
  request: () => { body: string; headers?: Record<string, string> };
  /** Inspects each response body; return false to count it as an error (GraphQL errors come with 200). */
  check?: (body: string) => boolean;
}

/** Runs autocannon against /graphql and counts non-2xx, socket errors and GraphQL errors as errors. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let bad = 0;
  const result = await autocannon({
    url: `${options.url}/graphql`,
    method: 'POST',
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req: any) => {
          const { body, headers } = options.request();
          return { ...req, body, headers: { ...req.headers, 'content-type': 'application/json', ...(headers ?? {}) } };
        },
        onResponse: (status: number, body: string) => {
          if (status !== 200 || (options.check ? !options.check(body) : body.includes('"errors"'))) bad++;
        },
      },
    ],
  } as any);
  return {
    requests: result.requests.total,
    throughput: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: bad + result.errors + result.timeouts + result.non2xx,
  };
}
