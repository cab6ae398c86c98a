import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, DatabaseModule, EventsModule, QueueModule } from '@app/platform';
import { DOMAIN_MODULES } from '../../api/src/app.module';
import { DATABASE } from '../../api/src/database';

/** The worker process: the domains and their queue processors, no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(DATABASE), QueueModule.forRoot({ runWorkers: true }), EventsModule, ...DOMAIN_MODULES],
    };
  }
}
