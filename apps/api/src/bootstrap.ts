import { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppConfig, MetricsService, requestContext } from '@app/platform';
import { migrate } from '@app/composition';
import { AppModule } from './app.module';
import { batchLimit, bodyErrors, httpMetrics, JSON_BODY_LIMIT } from './observability/http.middleware';

/** The API application, migrated and initialised, not yet listening. */
export async function createApi(config: AppConfig): Promise<NestExpressApplication> {
  await migrate(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoLogger));
  // Whose X-Forwarded-For to believe for req.ip (rate limits count by it): by default nobody's.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Timed first, so the requests the body parser refuses are counted too.
  app.use(httpMetrics(app.get(MetricsService)));
  // Request bodies are bounded (see JSON_BODY_LIMIT for why 16 MB).
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.use(bodyErrors);
  app.use(requestContext);
  app.use('/graphql', batchLimit);
  try {
    await app.init();
  } catch (error) {
    // A start-up check refused (a configuration the data contradicts): let go of what already opened.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
