import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig, APP_CONFIG, ConfigModule, DatabaseModule, EventsModule, InputValidationPipe, loggingModule, MetricsModule, MetricsService, QueueModule, ReportReads } from '@app/platform';
import { DATABASE, DOMAIN_MODULES, JOBS } from '@app/composition';
import { GraphQLErrorsFilter } from './graphql/graphql-errors.filter';
import { graphqlOptions } from './graphql/graphql.options';
import { HealthController } from './health/health.controller';
import { MetricsController } from './observability/metrics.controller';
import { OpsAccess } from './observability/ops-access';
import { WebModule } from './web/web.module';

/** The API: GraphQL, health, and (with WORKER=embedded) the queue workers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: { schemaOnly?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config),
        DatabaseModule.forRoot(DATABASE, { connect: !options.schemaOnly }),
        QueueModule.forRoot({ runWorkers: !options.schemaOnly && config.worker === 'embedded', jobs: JOBS }),
        EventsModule,
        MetricsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [APP_CONFIG, MetricsService, ReportReads],
          useFactory: graphqlOptions,
        }),
        TerminusModule.forRoot({ logger: false }),
        ...DOMAIN_MODULES,
        WebModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        OpsAccess,
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: GraphQLErrorsFilter },
      ],
    };
  }
}
