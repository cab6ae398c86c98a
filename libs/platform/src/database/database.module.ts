import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseDefinition, dataSourceOptions } from './data-source';
import { PreparedStatements } from './prepared-statements';
import { ReportReads } from './report-reads';

/**
 * The TypeORM data source on the configured database (whose URL main.ts has resolved), and the pool
 * of the hot paths' prepared statements.
 */
@Global()
@Module({})
export class DatabaseModule {
  /** `connect: false` builds the module without connecting (printing the schema needs no database). */
  static forRoot(definition: DatabaseDefinition, options: { connect?: boolean } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            if (!config.databaseUrl) throw new Error('databaseUrl must be resolved before the module starts');
            return { ...dataSourceOptions(config.databaseUrl, definition, config.databasePoolSize, 'marketplace', config.databasePooler), manualInitialization: options.connect === false };
          },
        }),
      ],
      providers: [PreparedStatements, ReportReads],
      exports: [TypeOrmModule, PreparedStatements, ReportReads],
    };
  }
}
