import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, DatabaseModule, EventsModule, QueueModule } from '@app/platform';
import { DATABASE } from './database';
import { DOMAIN_MODULES } from './domains';
import { JOBS } from './jobs';

/**
 * The domains on the platform they share (configuration, database, queues, events), without HTTP:
 * the stand-alone worker's module (`runWorkers: true`) and the context of scripts that call services.
 */
@Module({})
export class DomainsModule {
  static forRoot(config: AppConfig, options: { runWorkers: boolean }): DynamicModule {
    return {
      module: DomainsModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(DATABASE), QueueModule.forRoot({ runWorkers: options.runWorkers, jobs: JOBS }), EventsModule, ...DOMAIN_MODULES],
    };
  }
}
