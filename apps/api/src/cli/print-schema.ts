import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { loadConfig } from '@app/platform';
import { AppModule } from '../app.module';

/** Writes the schema the server generates to schema.gql (or the path given), without a database. */
async function main(): Promise<void> {
  const path = process.argv[2] ?? 'schema.gql';
  const config = { ...loadConfig({ NODE_ENV: 'development' }), databaseUrl: 'postgres://schema-only@127.0.0.1:1/none', jwtSecret: 'x'.repeat(32), worker: 'off' as const };
  const app = await NestFactory.create(AppModule.forRoot(config, { schemaOnly: true }), { logger: ['error'] });
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  writeFileSync(path, printSchema(lexicographicSortSchema(schema)) + '\n');
  await app.close();
  console.log(`wrote ${path}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
