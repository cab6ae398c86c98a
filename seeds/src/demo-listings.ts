import { PoolClient } from 'pg';

/** What the demo seed has written, by natural key, for the listings hook to build on. */
export interface DemoSeedContext {
  /** The demo seed's transaction: write listings and supply lots through it. */
  client: PoolClient;
  /** County ids by GB/T 2260 code (130426 She, 130434 Wei, 130425 Daming, 130432 Guangping, ...). */
  counties: Map<string, string>;
  /** Village ids by code. */
  villages: Map<string, { id: string; countyCode: string; povertyStricken: boolean }>;
  /** Station ids by name, with the county code and the ids of the villages each serves. */
  stations: Map<string, { id: string; countyCode: string; servedVillageIds: string[] }>;
  /** User ids by demo email (the operator of the first She County station among them). */
  users: Map<string, string>;
}

interface DemoListing {
  title: string;
  description: string;
  category: string;
  unit: string;
  priceFen: number;
  countyCode: string;
  /** The station that lists it (by name; any station of the county if the name is not seeded). */
  station: string;
  /** Which of the station's served villages the produce comes from (index into servedVillageIds). */
  originIndex: number;
  allocationPolicy: 'PRECISION' | 'FIFO';
  /** Lot quantities, given to the served villages' households, registered-poor ones first. */
  lots: number[];
}

/** The counties' produce: She County walnuts and Sichuan pepper, Taihang millet, Wei County pears. */
export const DEMO_LISTINGS: DemoListing[] = [
  {
    title: '涉县薄皮核桃 She County thin-shell walnuts',
    description: '太行山深处散养核桃树，手工去青皮、自然晾晒，壳薄仁满。Hand-hulled, sun-dried walnuts from the Taihang mountains.',
    category: '坚果 Nuts',
    unit: '斤 jin',
    priceFen: 2800,
    countyCode: '130426',
    station: '偏城电商服务站',
    originIndex: 0,
    allocationPolicy: 'PRECISION',
    lots: [120, 80, 60],
  },
  {
    title: '涉县核桃仁 She County walnut kernels',
    description: '当季核桃手工剥仁，真空包装。Hand-shelled kernels of this season, vacuum-packed.',
    category: '坚果 Nuts',
    unit: '袋 500g bag',
    priceFen: 4800,
    countyCode: '130426',
    station: '涉县电商运营中心',
    originIndex: 1,
    allocationPolicy: 'PRECISION',
    lots: [40, 40],
  },
  {
    title: '涉县大红袍花椒 She County Sichuan pepper (Dahongpao)',
    description: '梯田花椒，色红粒大，麻香浓郁。Terrace-grown Dahongpao Sichuan pepper: large red husks, strong numbing aroma.',
    category: '调味品 Spices',
    unit: '斤 jin',
    priceFen: 6800,
    countyCode: '130426',
    station: '索堡电商服务站',
    originIndex: 0,
    allocationPolicy: 'PRECISION',
    lots: [50, 30, 20],
  },
  {
    title: '太行山小米 Taihang millet',
    description: '旱地谷子，石碾脱壳，熬粥米油厚。Dry-land millet, stone-milled; makes a thick porridge.',
    category: '谷物 Grain',
    unit: '斤 jin',
    priceFen: 900,
    countyCode: '130426',
    station: '井店电商服务站',
    originIndex: 2,
    allocationPolicy: 'FIFO',
    lots: [200, 150],
  },
  {
    title: '魏县鸭梨 Wei County Ya pears',
    description: '千年梨乡魏县，皮薄多汁，酥脆香甜。Thin-skinned, juicy Ya pears from the thousand-year pear town of Wei County.',
    category: '水果 Fruit',
    unit: '箱 5kg box',
    priceFen: 4500,
    countyCode: '130434',
    station: '魏电商服务站',
    originIndex: 0,
    allocationPolicy: 'PRECISION',
    lots: [60, 40, 30],
  },
  {
    title: '魏县酥梨 Wei County crisp pears',
    description: '沙土地种植，果肉细腻少渣。Grown on sandy soil: fine flesh, little grit.',
    category: '水果 Fruit',
    unit: '箱 5kg box',
    priceFen: 3900,
    countyCode: '130434',
    station: '魏电商服务站',
    originIndex: 2,
    allocationPolicy: 'PRECISION',
    lots: [50, 50],
  },
];

/**
 * Listings of the counties' produce (She County walnuts and Sichuan pepper, millet, Wei County pears)
 * with supply lots from the seeded households, inside the demo seed's transaction. Idempotent: a
 * listing is keyed by its station and title, and its lots are written only with it, so a second run
 * writes nothing. The listings' stock is read from their lots, and their status and povertyAlleviation
 * follow from the lots by the supply_lots triggers. Returns what this run added.
 */
export async function seedDemoListings(context: DemoSeedContext): Promise<{ listings: number; supplyLots: number }> {
  const { client } = context;
  let listings = 0;
  let supplyLots = 0;
  for (const d of DEMO_LISTINGS) {
    const station = context.stations.get(d.station) ?? [...context.stations.values()].find((s) => s.countyCode === d.countyCode);
    if (!station || station.servedVillageIds.length === 0) continue;
    const originId = station.servedVillageIds[d.originIndex % station.servedVillageIds.length];
    const countyId = context.counties.get(d.countyCode);
    if (!countyId) continue;
    const inserted = await client.query(
      `INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status, allocation_policy)
       SELECT $1::bigint, $2::bigint, $3::bigint, $4::varchar, $5, $6, $7, $8, 'ACTIVE', $9::allocation_policy
        WHERE NOT EXISTS (SELECT 1 FROM listings WHERE station_id = $1::bigint AND title = $4::varchar)
       RETURNING id`,
      [station.id, originId, countyId, d.title, d.description, d.category, d.unit, d.priceFen, d.allocationPolicy],
    );
    if (!inserted.rowCount) continue;
    listings++;
    // Suppliers from the station's villages, registered-poor households first (the origin village's
    // first among them), in registry order so a fresh database gets the same lots every time.
    const suppliers = await client.query(
      `SELECT h.id FROM households h
        WHERE h.village_id = ANY ($1::bigint[])
        ORDER BY (h.poverty_status = 'REGISTERED_POOR') DESC, (h.village_id = $2::bigint) DESC, h.registry_number
        LIMIT $3`,
      [station.servedVillageIds, originId, d.lots.length],
    );
    const lots = suppliers.rows.map((r, i) => ({ householdId: String(r.id), quantity: d.lots[i] }));
    if (lots.length === 0) continue;
    await client.query(
      `INSERT INTO supply_lots (listing_id, household_id, quantity, remaining)
       SELECT $1, h, q, q FROM unnest($2::bigint[], $3::int[]) AS t(h, q)`,
      [inserted.rows[0].id, lots.map((l) => l.householdId), lots.map((l) => l.quantity)],
    );
    supplyLots += lots.length;
  }
  return { listings, supplyLots };
}
