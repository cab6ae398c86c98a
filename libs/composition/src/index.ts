// The composition: which domains a process runs, the database they share (entities and the one
// migration stream), and the start-up steps every process takes. The API, the worker, the seeds, the
// bench and the test harness compose from here; nothing imports apps/.
export { DATABASE } from './database';
export { DOMAIN_MODULES } from './domains';
export { DomainsModule } from './domains.module';
export { JOBS } from './jobs';
export { describeDatabase, migrate, resolveConfig, ResolvedConfig } from './process';
