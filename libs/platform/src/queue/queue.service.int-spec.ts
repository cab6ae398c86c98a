import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, RedisCluster, startRedisCluster, TestDatabase, testConfig, TEST_REDIS_URL } from '@app/testing';
import { QueueService } from './queue.service';

const waitFor = async (check: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

type Backend = { redisUrl?: string; redisCluster?: boolean; cluster?: RedisCluster };

describe.each<[string, () => Promise<Backend>]>([
  ['Redis', async () => ({ redisUrl: TEST_REDIS_URL })],
  ['PostgreSQL', async () => ({})],
  [
    'a Redis Cluster (3 masters, 3 replicas)',
    async () => {
      const cluster = await startRedisCluster();
      return { redisUrl: cluster.url, redisCluster: true, cluster };
    },
  ],
])('QueueService on %s', (name, start) => {
  let backend: Backend;
  let db: TestDatabase;
  let queue: QueueService;
  const seen: string[] = [];
  let failuresLeft = 2;

  beforeAll(async () => {
    backend = await start();
    db = await createTestDatabase();
    const { redisUrl, redisCluster = false } = backend;
    const config = testConfig(db.url, { redisUrl, redisCluster, payoutMaxAttempts: 3, payoutBackoffMs: 10, workerConcurrency: 4 });
    queue = new QueueService(config, { runWorkers: true, jobs: { 'routing.retry': 'maintenance', 'payout.process': 'payouts' } });
    queue.handle('routing.retry', async (payload) => {
      seen.push(`retry:${(payload.villageIds ?? []).join(',')}`);
    });
    queue.handle('payout.process', async (payload) => {
      if (payload.payoutId === 'flaky' && failuresLeft-- > 0) throw new Error('provider down');
      seen.push(`payout:${payload.payoutId}`);
    });
    await queue.onApplicationBootstrap();
  });
  afterAll(async () => {
    await queue?.onApplicationShutdown();
    await db?.drop();
    await backend?.cluster?.stop();
  });

  it(`names its backend (${name})`, () => {
    expect(queue.backend).toBe(backend.redisUrl ? 'redis' : 'postgres');
  });

  it('answers a ping', async () => {
    expect(await queue.ping()).toBe(true);
  });

  it('runs a job added twice with one job id once', async () => {
    await queue.enqueue('routing.retry', { villageIds: ['7'] }, { jobId: 'dedupe-1' });
    await queue.enqueue('routing.retry', { villageIds: ['7'] }, { jobId: 'dedupe-1' });
    await waitFor(() => seen.includes('retry:7'));
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.filter((s) => s === 'retry:7')).toHaveLength(1);
  });

  it('runs bulk-added jobs', async () => {
    await queue.enqueueBulk('payout.process', ['a', 'b', 'c'].map((id) => ({ payload: { payoutId: id }, options: { jobId: `bulk-${id}` } })));
    await waitFor(() => ['a', 'b', 'c'].every((id) => seen.includes(`payout:${id}`)));
  });

  it('retries a failing payout job with backoff until it succeeds', async () => {
    await queue.enqueue('payout.process', { payoutId: 'flaky' }, { jobId: 'flaky-1' });
    await waitFor(() => seen.includes('payout:flaky'));
    expect(failuresLeft).toBe(-1); // failed twice, then ran a third time
  });
});
