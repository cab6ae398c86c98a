import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigValidationError, loadConfig, PinoNestLogger, QueueService, rootLogger } from '@app/platform';
import { describeDatabase, resolveConfig } from '@app/composition';
import { createApi } from './bootstrap';
import { drainHttp } from './http-drain';

async function main(): Promise<void> {
  const initial = loadConfig();
  // JSON lines from the first one, also before Nest exists (the embedded database's start).
  Logger.overrideLogger(new PinoNestLogger(rootLogger(initial)));
  const logger = new Logger('Main');
  const { config, embedded } = await resolveConfig(initial, logger);
  let app: Awaited<ReturnType<typeof createApi>> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping (new connections refused; requests and jobs in flight finish first)`);
    let code = 0;
    try {
      // HTTP first: Nest's close() would close the database before the server, under requests in flight.
      if (app) await drainHttp(app.getHttpServer());
      // Then the modules: the workers finish their jobs, then the queue and database connections close.
      await app?.close();
    } catch (error) {
      logger.error(`stopping failed: ${(error as Error).stack ?? String(error)}`);
      code = 1;
    } finally {
      await embedded?.stop();
    }
    logger.log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    app = await createApi(config);
    await app.listen(config.port);
  } catch (error) {
    logger.error(`start-up failed: ${(error as Error).stack ?? String(error)}`);
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    process.exit(1);
  }
  const queue = app.get(QueueService);
  logger.log(
    `listening on http://localhost:${config.port}/graphql; database: ${describeDatabase(config.databaseUrl!, !!embedded)}; ` +
      `queue: BullMQ on ${queue.backend === 'redis' ? 'Redis' : 'PostgreSQL'}; workers: ${config.worker}`,
  );
}

// A bad configuration stops the start with its message alone (it names the variables), not a stack.
main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${error instanceof ConfigValidationError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
