import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { ConfigModule, DatabaseModule, EventsModule, QueueModule } from '@app/platform';
import { FinanceModule } from '@app/finance';
import { createTestDatabase, TestDatabase, testConfig } from '@app/testing';
import { DATABASE } from './database';
import { DOMAIN_MODULES } from './domains';
import { DomainsModule } from './domains.module';
import { JOBS } from './jobs';

/** The stand-alone worker's start (DomainsModule with runWorkers) on real PostgreSQL and Redis. */
describe('the worker at start', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('starts when every declared job has a handler', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [DomainsModule.forRoot(testConfig(db.url), { runWorkers: true })] }).compile();
    try {
      await expect(moduleRef.init()).resolves.toBe(moduleRef);
    } finally {
      await moduleRef.close();
    }
  });

  it('refuses to start while a declared job has no handler, naming the job and its queue', async () => {
    // The worker's composition with the finance domain's module left out: its jobs stay declared.
    const config = testConfig(db.url);
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(DATABASE),
        QueueModule.forRoot({ runWorkers: true, jobs: JOBS }),
        EventsModule,
        ...DOMAIN_MODULES.filter((module) => module !== FinanceModule),
      ],
    }).compile();
    try {
      await expect(moduleRef.init()).rejects.toThrow(
        'the worker has no handler for job loan.disburse (queue payouts), job loan.relay (queue maintenance), job loan.servicing (queue maintenance)',
      );
    } finally {
      // Nest's close() rethrows a failed start before it closes anything (the worker's process just
      // exits): forget the failure so that close() lets go of the connections.
      (moduleRef as unknown as { initializationPromise?: Promise<void> }).initializationPromise = undefined;
      await moduleRef.close();
    }
  });
});
