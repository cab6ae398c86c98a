import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, badInput, forbidden, inTransaction, invalidState, isId, notFound, Tx } from '@app/platform';
import { GeographyService, householdPlaces } from '@app/registry';
import { StationCoverage } from '@app/stations';
import { canManageListing } from './domain/listing-access';
import { nextListingStatus } from './domain/listing-status';
import { AllocationPolicy, ListingStatus } from './domain/enums';
import { ListingData } from './domain/listing';
import { CreateListingInput, SupplyLotInput, UpdateListingInput } from './graphql/listing.inputs';
import { availableOf, ListingQueryService } from './listing-query.service';

interface LockedListing {
  id: string;
  station_id: string;
  status: ListingStatus;
  available: number;
}

/**
 * The station's side of the catalog: listing produce, changing it, adding supply. Each mutation is one
 * transaction; the listing's stock (available, read from the lots) and the columns that follow from it
 * (status ACTIVE <-> SOLD_OUT, povertyAlleviation, kept by the supply_lots triggers) are not written here.
 */
@Injectable()
export class ListingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly query: ListingQueryService,
    private readonly geography: GeographyService,
    private readonly coverage: StationCoverage,
  ) {}

  /** A station operator lists produce of households in villages its station serves. */
  async create(actor: Actor, input: CreateListingInput): Promise<ListingData> {
    const stationId = actor.stationId;
    if (!stationId) throw forbidden('Only the operator of a service station can list produce');
    const seen = new Map<string, number>();
    input.supply.forEach((lot, i) => {
      if (seen.has(lot.householdId)) throw badInput(`input.supply.${i}.householdId`, `household ${lot.householdId} is already in lot ${seen.get(lot.householdId)}; give its whole quantity in one lot`);
      seen.set(lot.householdId, i);
    });

    const id = await inTransaction(this.dataSource, async ({ manager }) => {
      const village = await this.servedVillage(manager, stationId, input.originVillageId, 'input.originVillageId');
      await this.checkSuppliers(manager, stationId, input.supply, (i) => `input.supply.${i}.householdId`);
      const [{ id: listingId }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status, allocation_policy)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          stationId,
          village.id,
          village.county_id,
          input.title,
          input.description,
          input.category,
          input.unit,
          input.priceFen,
          input.publish === false ? ListingStatus.DRAFT : ListingStatus.ACTIVE,
          input.allocationPolicy ?? AllocationPolicy.PRECISION,
        ],
      );
      await this.insertLots(manager, listingId, input.supply);
      return String(listingId);
    });
    return (await this.query.byId(id))!;
  }

  /** Changes a listing's text, price or status (see nextListingStatus); only its station's operators and admins. */
  async update(actor: Actor, id: string, input: UpdateListingInput): Promise<ListingData> {
    await inTransaction(this.dataSource, async ({ manager }) => {
      const listing = await this.lockForChange(manager, actor, id, 'id');
      const status = input.status ? nextListingStatus(listing.status, input.status, listing.available) : listing.status;
      await manager.query(
        `UPDATE listings SET title = COALESCE($2, title), description = COALESCE($3, description), category = COALESCE($4, category),
                price_fen = COALESCE($5, price_fen), status = $6, updated_at = now()
          WHERE id = $1`,
        [listing.id, input.title ?? null, input.description ?? null, input.category ?? null, input.priceFen ?? null, status],
      );
    });
    return (await this.query.byId(id))!;
  }

  /** Adds a household's lot to a listing; a SOLD_OUT listing is back ACTIVE (by the trigger). */
  async addSupply(actor: Actor, listingId: string, supply: SupplyLotInput): Promise<ListingData> {
    await inTransaction(this.dataSource, async ({ manager }) => {
      const listing = await this.lockForChange(manager, actor, listingId, 'listingId');
      await this.checkSuppliers(manager, listing.station_id, [supply], () => 'supply.householdId');
      await this.insertLots(manager, listing.id, [supply]);
    });
    return (await this.query.byId(listingId))!;
  }

  /**
   * Recomputes povertyAlleviation (and the rest of the stock columns) of the listings a household
   * supplies, in the transaction that changed its status.
   */
  async refreshForHouseholds(tx: Tx, householdIds: string[]): Promise<void> {
    if (householdIds.length === 0) return;
    await tx.manager.query(
      `SELECT catalog_refresh_listings(ARRAY(SELECT DISTINCT listing_id FROM supply_lots WHERE household_id = ANY($1::bigint[]) ORDER BY listing_id))`,
      [householdIds],
    );
  }

  async refreshForVillages(tx: Tx, villageIds: string[]): Promise<void> {
    if (villageIds.length === 0) return;
    await tx.manager.query(
      `SELECT catalog_refresh_listings(ARRAY(SELECT id FROM listings WHERE origin_village_id = ANY($1::bigint[]) ORDER BY id))`,
      [villageIds],
    );
  }

  /**
   * The listing, row-locked against concurrent changes, if the actor may change it and it is not archived.
   * Its stock is read after the lock, in a statement of its own: whatever could take it to zero or back
   * (a lot crossing zero) locks the listing too, so the count includes every such change committed.
   */
  private async lockForChange(manager: EntityManager, actor: Actor, id: string, field: string): Promise<LockedListing> {
    const rows: Array<Omit<LockedListing, 'available'>> = isId(id)
      ? await manager.query(`SELECT id, station_id, status FROM listings WHERE id = $1 FOR NO KEY UPDATE`, [id])
      : [];
    if (rows.length === 0) throw notFound('Listing', id, field);
    const [{ available }]: Array<{ available: number }> = await manager.query(`SELECT ${availableOf('l')} AS available FROM listings l WHERE l.id = $1`, [id]);
    const listing = { ...rows[0], available, id: String(rows[0].id), station_id: String(rows[0].station_id) };
    if (!canManageListing(actor, { stationId: listing.station_id })) throw forbidden('Only the operators of the listing\'s station may change it');
    if (listing.status === ListingStatus.ARCHIVED) throw invalidState('This listing is archived; an archived listing cannot change');
    return listing;
  }

  private async servedVillage(manager: EntityManager, stationId: string, villageId: string, field: string): Promise<{ id: string; county_id: string }> {
    const countyId = (await this.geography.villageCounties([villageId], manager)).get(villageId);
    if (countyId === undefined) throw notFound('Village', villageId, field);
    if (!(await this.coverage.servedVillageIds(stationId, manager)).includes(villageId)) throw forbidden(`Your station does not serve village ${villageId}`);
    return { id: villageId, county_id: countyId };
  }

  /** Every supplying household exists and lies in a village the station serves. */
  private async checkSuppliers(manager: EntityManager, stationId: string, lots: SupplyLotInput[], fieldOf: (i: number) => string): Promise<void> {
    lots.forEach((lot, i) => {
      if (!isId(lot.householdId)) throw notFound('Household', lot.householdId, fieldOf(i));
    });
    const places = await householdPlaces(manager, lots.map((l) => l.householdId));
    lots.forEach((lot, i) => {
      if (!places.has(lot.householdId)) throw notFound('Household', lot.householdId, fieldOf(i));
    });
    const served = new Set(await this.coverage.servedVillageIds(stationId, manager));
    lots.forEach((lot) => {
      if (!served.has(places.get(lot.householdId)!.villageId)) throw forbidden(`Your station does not serve the village of household ${lot.householdId}`);
    });
  }

  private async insertLots(manager: EntityManager, listingId: string, lots: SupplyLotInput[]): Promise<void> {
    // One statement for all lots, so the trigger updates the listing once.
    await manager.query(
      `INSERT INTO supply_lots (listing_id, household_id, quantity, remaining)
       SELECT $1, h, q, q FROM unnest($2::bigint[], $3::int[]) AS t(h, q)`,
      [listingId, lots.map((l) => l.householdId), lots.map((l) => l.quantity)],
    );
  }
}
