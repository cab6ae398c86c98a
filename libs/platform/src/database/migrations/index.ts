import { Initial1795931926447 } from './1795931926447-Initial';
// The one ordered stream of migrations. `npm run migration:generate -- Name` writes the next file and
// appends its class here; hand-written ones (triggers, functions, partial indexes) are appended the same way.
export const MIGRATIONS: Function[] = [
  Initial1795931926447,
];
