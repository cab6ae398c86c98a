import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, pendingSchemaChanges, runMigrations } from '@app/platform';
import { DATABASE, resolveConfig } from '@app/composition';

const MIGRATIONS_DIR = join(process.cwd(), 'libs/composition/src/migrations');

function quote(query: string): string {
  return '`' + query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

async function main(): Promise<void> {
  const [command, rawName] = process.argv.slice(2);
  const logger = new Logger('Migrations');
  const { config, embedded } = await resolveConfig(loadConfig(), logger);
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl!, DATABASE, 2, 'marketplace-migrations', config.databasePooler));
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    logger.log(applied.length ? `applied ${applied.join(', ')}` : 'no pending migrations');
    if (command === 'generate') {
      const { up, down } = await pendingSchemaChanges(dataSource);
      if (up.length === 0) {
        logger.log('the entities match the database: nothing to generate');
        return;
      }
      const name = (rawName ?? 'Change').replace(/[^A-Za-z0-9]/g, '');
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const file = `${timestamp}-${name}`;
      const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }
}
`;
      writeFileSync(join(MIGRATIONS_DIR, `${file}.ts`), body);
      const indexPath = join(MIGRATIONS_DIR, 'index.ts');
      let index = readFileSync(indexPath, 'utf8');
      index = index.replace(/(export const MIGRATIONS(?:: Function\[\])? = \[)([\s\S]*?)(\];)/, (_, open, list, close) => {
        const entries = list.trim() ? `${list.trimEnd()}\n  ${className},\n` : `\n  ${className},\n`;
        return `${open}${entries}${close}`;
      });
      index = `import { ${className} } from './${file}';\n` + index;
      writeFileSync(indexPath, index);
      logger.log(`wrote migrations/${file}.ts (${up.length} statements) and added it to migrations/index.ts`);
    } else if (command !== 'run') {
      throw new Error(`usage: migrations run | generate <Name>`);
    }
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
