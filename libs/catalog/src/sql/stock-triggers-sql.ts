import { householdsSql, villagesSql } from '@app/registry';

/**
 * The catalog's rule that a listing is SOLD_OUT exactly while none of its lots has stock (ACTIVE again
 * when stock comes back) and that `poverty_alleviation` follows its supply, kept by the database itself
 * on every change of supply_lots, whoever makes it (placing or cancelling an order takes and gives back
 * stock through this lib's takeStockSql and returnStockSql, in the orders domain's own statements).
 * The migrations run these statements (libs/composition/src/migrations); each one is idempotent
 * (CREATE OR REPLACE), so running the list again installs the text as it stands here.
 *
 * `available` is read from the lots (the sum of their remaining, by the (listing_id, id) index) and
 * nothing is written to the listing when an order takes stock, unless a lot crosses zero or changes
 * owner or listing: only then can the status or `poverty_alleviation` change. A row trigger with that
 * WHEN condition (checked without calling any function) notes such a lot's listing in a
 * transaction-local setting, and a statement trigger recounts the noted listings at the statement's
 * end. Lots inserted or deleted recount their listings at once.
 *
 * The recount locks the listings first, in id order, then reads the lots in a new statement, so it
 * counts every change committed before the lock; every change that can flip the status takes that
 * lock, so concurrent changes queue and the last recount sees them all. Plans are generic (made once
 * per session): for an array of ids a custom plan always looks cheaper, though it is the same plan.
 * The household's status and the village's flag are the registry's (its relations, pulled up into
 * this query by PostgreSQL).
 */
export const CATALOG_STOCK_TRIGGERS: readonly string[] = [
  `CREATE OR REPLACE FUNCTION catalog_refresh_listings(listing_ids bigint[]) RETURNS void
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
           LEFT JOIN ${householdsSql} h ON h.id = sl.household_id
          GROUP BY x.id
       ) s, ${villagesSql} v
      WHERE l.id = s.id AND v.id = l.origin_village_id
        AND (l.poverty_alleviation IS DISTINCT FROM (s.poor_supply OR v.poverty_stricken)
             OR (l.status = 'ACTIVE' AND NOT s.in_stock) OR (l.status = 'SOLD_OUT' AND s.in_stock));
   END
   $fn$`,
  // The statement triggers of inserted and deleted lots (one function: a trigger with transition
  // tables may have only one event).
  `CREATE OR REPLACE FUNCTION catalog_supply_lots_changed() RETURNS trigger
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
   $fn$`,
  `CREATE OR REPLACE TRIGGER trg_supply_lots_inserted AFTER INSERT ON supply_lots REFERENCING NEW TABLE AS new_lots
   FOR EACH STATEMENT EXECUTE FUNCTION catalog_supply_lots_changed()`,
  `CREATE OR REPLACE TRIGGER trg_supply_lots_deleted AFTER DELETE ON supply_lots REFERENCING OLD TABLE AS old_lots
   FOR EACH STATEMENT EXECUTE FUNCTION catalog_supply_lots_changed()`,
  // Row trigger, only where the WHEN condition holds: note the lot's listing(s) for the statement's end.
  `CREATE OR REPLACE FUNCTION catalog_supply_lot_moved() RETURNS trigger
   LANGUAGE plpgsql AS $fn$
   BEGIN
     PERFORM set_config('catalog.recount', concat_ws(',', NULLIF(current_setting('catalog.recount', true), ''), NEW.listing_id::text,
                                                     CASE WHEN OLD.listing_id <> NEW.listing_id THEN OLD.listing_id::text END), true);
     RETURN NULL;
   END
   $fn$`,
  `CREATE OR REPLACE TRIGGER trg_supply_lot_moved AFTER UPDATE ON supply_lots FOR EACH ROW
     WHEN ((OLD.remaining > 0) <> (NEW.remaining > 0) OR OLD.household_id <> NEW.household_id OR OLD.listing_id <> NEW.listing_id)
     EXECUTE FUNCTION catalog_supply_lot_moved()`,
  // Statement trigger (after the row triggers): recounts the noted listings together, locked in id
  // order, so two statements that empty lots of the same listings in different orders queue rather
  // than deadlock. Without transition tables it costs next to nothing when nothing was noted.
  `CREATE OR REPLACE FUNCTION catalog_supply_lots_recount() RETURNS trigger
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
   $fn$`,
  `CREATE OR REPLACE TRIGGER trg_supply_lots_recount AFTER UPDATE ON supply_lots FOR EACH STATEMENT EXECUTE FUNCTION catalog_supply_lots_recount()`,
];
