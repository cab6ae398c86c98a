/**
 * The guard that makes placing an order one all-or-nothing statement (placement.repository's
 * writeOrder): placeOrder plans from an unlocked snapshot, then takes stock and station slots with
 * conditional updates in the same statement that writes the order, and re-checks what the plan decided
 * on (the ordered listings still ACTIVE at the planned price, their stations still charging the planned
 * commission). When fewer rows were taken or found than planned (the snapshot went stale) it raises
 * SQLSTATE OR409 (STALE_PLAN) and the whole statement, order and ledger entry included, rolls back.
 * The migrations run these statements (libs/composition/src/migrations); each is idempotent.
 */
export const ORDERS_PLAN_GUARD: readonly string[] = [
  `CREATE OR REPLACE FUNCTION orders_assert_plan(lots_taken int, lots_planned int, slots_taken int, slots_planned int) RETURNS boolean
   LANGUAGE plpgsql AS $fn$
   BEGIN
     IF lots_taken <> lots_planned OR slots_taken <> slots_planned THEN
       RAISE EXCEPTION 'order plan is stale: took % of % lots and % of % station slots', lots_taken, lots_planned, slots_taken, slots_planned
         USING ERRCODE = 'OR409';
     END IF;
     RETURN true;
   END
   $fn$`,
  `CREATE OR REPLACE FUNCTION orders_assert_plan(lots_taken int, lots_planned int, slots_taken int, slots_planned int, listings_unchanged int, listings_planned int)
   RETURNS boolean LANGUAGE plpgsql AS $fn$
   BEGIN
     IF listings_unchanged <> listings_planned THEN
       RAISE EXCEPTION 'order plan is stale: % of % listings changed status, price or commission', listings_planned - listings_unchanged, listings_planned
         USING ERRCODE = 'OR409';
     END IF;
     RETURN orders_assert_plan(lots_taken, lots_planned, slots_taken, slots_planned);
   END
   $fn$`,
];
