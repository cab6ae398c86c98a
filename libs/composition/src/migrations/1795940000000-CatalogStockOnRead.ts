import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written. A listing's `available` was a column that a statement-level trigger on supply_lots
 * rewrote on every change of stock: every order placed paid for capturing the changed lots, a PL/pgSQL
 * call and an update of the listing row (and the trigger's statements were planned again on every
 * call). Measured on the Handan-sized data: about 0.5 ms of database CPU per order, a fifth of it.
 *
 * Now `available` is read from the lots (the sum of their remaining, by the (listing_id, id) index)
 * and nothing is written to the listing when an order takes stock, unless a lot crosses zero or
 * changes owner or listing: only then can the ACTIVE <-> SOLD_OUT status or `poverty_alleviation`
 * change. A row trigger with that WHEN condition (checked without calling any function) notes such a
 * lot's listing in a transaction-local setting, and a statement trigger recounts the noted listings
 * at the statement's end. Lots inserted or deleted recount their listings as before.
 *
 * The recount locks the listings first, in id order, then reads the lots in a new statement, so it
 * counts every change committed before the lock; every change that can flip the status takes that
 * lock, so concurrent changes queue and the last recount sees them all. Plans are generic (made once
 * per session): for an array of ids a custom plan always looks cheaper, though it is the same plan.
 */
export class CatalogStockOnRead1795940000000 implements MigrationInterface {
  name = 'CatalogStockOnRead1795940000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_supply_lots_updated ON supply_lots`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION catalog_refresh_listings(listing_ids bigint[]) RETURNS void
      LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
      BEGIN
        IF listing_ids IS NULL OR cardinality(listing_ids) = 0 THEN
          RETURN;
        END IF;
        PERFORM 1 FROM listings WHERE id = ANY (listing_ids) ORDER BY id FOR NO KEY UPDATE;
        UPDATE listings l
           SET poverty_alleviation = s.poor_supply OR v.poverty_stricken,
               status = CASE
                 WHEN l.status = 'ACTIVE' AND NOT s.in_stock THEN 'SOLD_OUT'::listing_status
                 WHEN l.status = 'SOLD_OUT' AND s.in_stock THEN 'ACTIVE'::listing_status
                 ELSE l.status
               END,
               updated_at = now()
          FROM (
            SELECT x.id,
                   COALESCE(bool_or(sl.remaining > 0), false) AS in_stock,
                   COALESCE(bool_or(sl.remaining > 0 AND h.poverty_status = 'REGISTERED_POOR'), false) AS poor_supply
              FROM unnest(listing_ids) AS x(id)
              LEFT JOIN supply_lots sl ON sl.listing_id = x.id
              LEFT JOIN households h ON h.id = sl.household_id
             GROUP BY x.id
          ) s, villages v
         WHERE l.id = s.id AND v.id = l.origin_village_id
           AND (l.poverty_alleviation IS DISTINCT FROM (s.poor_supply OR v.poverty_stricken)
                OR (l.status = 'ACTIVE' AND NOT s.in_stock) OR (l.status = 'SOLD_OUT' AND s.in_stock));
      END
      $fn$`);
    // The statement triggers of inserted and deleted lots (the updated ones' is gone).
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION catalog_supply_lots_changed() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      DECLARE
        ids bigint[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT listing_id ORDER BY listing_id) INTO ids FROM new_lots;
        ELSE
          SELECT array_agg(DISTINCT listing_id ORDER BY listing_id) INTO ids FROM old_lots;
        END IF;
        PERFORM catalog_refresh_listings(ids);
        RETURN NULL;
      END
      $fn$`);
    // Row trigger, only where the WHEN condition holds: note the lot's listing(s) for the statement's end.
    await queryRunner.query(`
      CREATE FUNCTION catalog_supply_lot_moved() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM set_config('catalog.recount', concat_ws(',', NULLIF(current_setting('catalog.recount', true), ''), NEW.listing_id::text,
                                                        CASE WHEN OLD.listing_id <> NEW.listing_id THEN OLD.listing_id::text END), true);
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_supply_lot_moved AFTER UPDATE ON supply_lots FOR EACH ROW
        WHEN ((OLD.remaining > 0) <> (NEW.remaining > 0) OR OLD.household_id <> NEW.household_id OR OLD.listing_id <> NEW.listing_id)
        EXECUTE FUNCTION catalog_supply_lot_moved()`);
    // Statement trigger (after the row triggers): recounts the noted listings together, locked in id
    // order, so two statements that empty lots of the same listings in different orders queue rather
    // than deadlock. Without transition tables it costs next to nothing when nothing was noted.
    await queryRunner.query(`
      CREATE FUNCTION catalog_supply_lots_recount() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      DECLARE
        noted text := current_setting('catalog.recount', true);
      BEGIN
        IF noted IS NULL OR noted = '' THEN
          RETURN NULL;
        END IF;
        PERFORM set_config('catalog.recount', '', true);
        PERFORM catalog_refresh_listings(ARRAY(SELECT DISTINCT x::bigint FROM unnest(string_to_array(noted, ',')) AS x ORDER BY 1));
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER trg_supply_lots_recount AFTER UPDATE ON supply_lots FOR EACH STATEMENT EXECUTE FUNCTION catalog_supply_lots_recount()`);
    await queryRunner.query(`ALTER TABLE listings DROP COLUMN available`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE listings ADD COLUMN available integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE listings ADD CONSTRAINT chk_listings_available CHECK (available >= 0)`);
    await queryRunner.query(`UPDATE listings l SET available = (SELECT COALESCE(sum(remaining), 0) FROM supply_lots WHERE listing_id = l.id)`);
    await queryRunner.query(`DROP TRIGGER trg_supply_lots_recount ON supply_lots`);
    await queryRunner.query(`DROP TRIGGER trg_supply_lot_moved ON supply_lots`);
    await queryRunner.query(`DROP FUNCTION catalog_supply_lots_recount()`);
    await queryRunner.query(`DROP FUNCTION catalog_supply_lot_moved()`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION catalog_refresh_listings(listing_ids bigint[]) RETURNS void
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
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION catalog_supply_lots_changed() RETURNS trigger
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
    await queryRunner.query(`CREATE TRIGGER trg_supply_lots_updated AFTER UPDATE ON supply_lots REFERENCING OLD TABLE AS old_lots NEW TABLE AS new_lots FOR EACH STATEMENT EXECUTE FUNCTION catalog_supply_lots_changed()`);
  }
}
