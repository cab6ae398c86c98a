import { DataSource } from 'typeorm';

/** The SQL that would bring the database to the entities, after the pending migrations have run. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  // An enum type shared by several tables (poverty_status) is logged once per table: keep it once.
  const once = (queries: string[], pattern: RegExp) => {
    const seen = new Set<string>();
    return queries.filter((q) => {
      if (!pattern.test(q)) return true;
      if (seen.has(q)) return false;
      seen.add(q);
      return true;
    });
  };
  const up = once(sql.upQueries.map((q) => q.query), /^CREATE TYPE /);
  // ...and drop it after the last table that uses it.
  const down = once(sql.downQueries.map((q) => q.query), /^DROP TYPE /).reverse();
  return { up, down };
}
