import { MigrationInterface, QueryRunner } from 'typeorm';
import { CATALOG_STOCK_TRIGGERS } from '@app/catalog';
import { LEDGER_TRIGGERS } from '@app/ledger';
import { ORDERS_PLAN_GUARD } from '@app/orders';

/**
 * Hand-written. The functions and triggers that the earlier migrations wrote inline now live in their
 * owning domains' folders (the catalog's stock triggers and listing-status rule, the orders' plan guard,
 * the ledger's balance and append-only triggers): this installs them from there, replacing each in
 * place. The definitions are the same; the catalog's recount now reads households and villages through
 * the registry's relations (the same plan). A later change to one of these texts comes with a migration
 * that runs its list again.
 */
export class RoutinesFromOwners1796317700000 implements MigrationInterface {
  name = 'RoutinesFromOwners1796317700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [...CATALOG_STOCK_TRIGGERS, ...ORDERS_PLAN_GUARD, ...LEDGER_TRIGGERS]) await queryRunner.query(statement);
  }

  public async down(): Promise<void> {
    // Nothing to undo: the routines were the same before, only the home of their text moved.
  }
}
