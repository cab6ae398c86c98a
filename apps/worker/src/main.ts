import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, loadConfig, PinoNestLogger, QueueService, rootLogger } from '@app/platform';
import { DomainsModule, describeDatabase, migrate } from '@app/composition';

/**
 * A stand-alone worker (run the API with WORKER=off and as many of these as the queues need). It needs
 * DATABASE_URL: the embedded database belongs to the API process.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  Logger.overrideLogger(new PinoNestLogger(rootLogger(config)));
  const logger = new Logger('Worker');
  if (!config.databaseUrl) {
    logger.error('DATABASE_URL is required for a stand-alone worker (the embedded database belongs to the API process)');
    process.exit(1);
  }
  await migrate(config);
  const app = await NestFactory.createApplicationContext(DomainsModule.forRoot({ ...config, jwtSecret: config.jwtSecret ?? 'unused-by-workers-unused-by-workers' }, { runWorkers: true }), {
    logger: new PinoNestLogger(rootLogger(config)),
  });
  await app.init();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping (jobs in flight finish first)`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const queue = app.get(QueueService);
  logger.log(`worker running; database: ${describeDatabase(config.databaseUrl, false)}; queue: BullMQ on ${queue.backend === 'redis' ? 'Redis' : 'PostgreSQL'}`);
}

// A bad configuration stops the start with its message alone (it names the variables), not a stack.
main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${error instanceof ConfigValidationError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
