import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (TypeORM cannot express these): trigram search indexes for listings, and the trigger
 * that keeps each listing's denormalised `available`, `status` (ACTIVE <-> SOLD_OUT) and
 * `poverty_alleviation` right whoever changes its supply lots (the catalog adding supply, orders
 * allocating or restoring stock), with one listing update per listing per statement.
 */
export class CatalogStockTriggers1795932291200 implements MigrationInterface {
  name = 'CatalogStockTriggers1795932291200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "idx_listings_title_trgm" ON "listings" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "idx_listings_description_trgm" ON "listings" USING gin ("description" gin_trgm_ops)`);

    // Recomputes the listings' stock columns from their lots. The rows are locked first, in id order,
    // so that concurrent statements on the same listings queue up instead of deadlocking, and so that
    // the sums (a new snapshot under READ COMMITTED) include every change committed before the lock.
    await queryRunner.query(`
      CREATE FUNCTION catalog_refresh_listings(listing_ids bigint[]) RETURNS void
      LANGUAGE plpgsql AS $fn$
      BEGIN
        IF listing_ids IS NULL OR cardinality(listing_ids) = 0 THEN
          RETURN;
        END IF;
        PERFORM 1 FROM listings WHERE id = ANY (listing_ids) ORDER BY id FOR NO KEY UPDATE;
        UPDATE listings l
           SET available = s.available,
               poverty_alleviation = s.poor_supply OR v.poverty_stricken,
               status = CASE
                 WHEN l.status = 'ACTIVE' AND s.available = 0 THEN 'SOLD_OUT'::listing_status
                 WHEN l.status = 'SOLD_OUT' AND s.available > 0 THEN 'ACTIVE'::listing_status
                 ELSE l.status
               END,
               updated_at = now()
          FROM (
            SELECT x.id,
                   COALESCE(sum(sl.remaining), 0)::int AS available,
                   COALESCE(bool_or(sl.remaining > 0 AND h.poverty_status = 'REGISTERED_POOR'), false) AS poor_supply
              FROM unnest(listing_ids) AS x(id)
              LEFT JOIN supply_lots sl ON sl.listing_id = x.id
              LEFT JOIN households h ON h.id = sl.household_id
             GROUP BY x.id
          ) s, villages v
         WHERE l.id = s.id AND v.id = l.origin_village_id;
      END
      $fn$`);

    // One function for the three statement-level triggers (a trigger with transition tables may have
    // only one event): the listings whose lots were inserted, deleted, or changed in stock or owner.
    await queryRunner.query(`
      CREATE FUNCTION catalog_supply_lots_changed() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      DECLARE
        ids bigint[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT listing_id ORDER BY listing_id) INTO ids FROM new_lots;
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT array_agg(DISTINCT c.listing_id ORDER BY c.listing_id) INTO ids
            FROM (
              SELECT n.listing_id FROM new_lots n JOIN old_lots o ON o.id = n.id
               WHERE n.remaining IS DISTINCT FROM o.remaining
                  OR n.household_id IS DISTINCT FROM o.household_id
                  OR n.listing_id IS DISTINCT FROM o.listing_id
              UNION ALL
              SELECT o.listing_id FROM new_lots n JOIN old_lots o ON o.id = n.id
               WHERE n.listing_id IS DISTINCT FROM o.listing_id
            ) c;
        ELSE
          SELECT array_agg(DISTINCT listing_id ORDER BY listing_id) INTO ids FROM old_lots;
        END IF;
        PERFORM catalog_refresh_listings(ids);
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER trg_supply_lots_inserted AFTER INSERT ON supply_lots REFERENCING NEW TABLE AS new_lots FOR EACH STATEMENT EXECUTE FUNCTION catalog_supply_lots_changed()`);
    await queryRunner.query(`CREATE TRIGGER trg_supply_lots_updated AFTER UPDATE ON supply_lots REFERENCING OLD TABLE AS old_lots NEW TABLE AS new_lots FOR EACH STATEMENT EXECUTE FUNCTION catalog_supply_lots_changed()`);
    await queryRunner.query(`CREATE TRIGGER trg_supply_lots_deleted AFTER DELETE ON supply_lots REFERENCING OLD TABLE AS old_lots FOR EACH STATEMENT EXECUTE FUNCTION catalog_supply_lots_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_supply_lots_deleted ON supply_lots`);
    await queryRunner.query(`DROP TRIGGER trg_supply_lots_updated ON supply_lots`);
    await queryRunner.query(`DROP TRIGGER trg_supply_lots_inserted ON supply_lots`);
    await queryRunner.query(`DROP FUNCTION catalog_supply_lots_changed()`);
    await queryRunner.query(`DROP FUNCTION catalog_refresh_listings(bigint[])`);
    await queryRunner.query(`DROP INDEX "idx_listings_description_trgm"`);
    await queryRunner.query(`DROP INDEX "idx_listings_title_trgm"`);
  }
}
