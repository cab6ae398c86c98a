import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Pool } from 'pg';

/*
 * The ceiling beside us: a bare Apollo Server answering the bench's catalog page (the same query text,
 * the same fields) with ONE SQL statement on the same data, with none of our framework (no Nest, no
 * guards, no validation pipes, no DataLoaders, no logging, no response cache). The bench runs it as a
 * process of its own, like the real server, and reports our browse throughput as a ratio of it.
 * Run: node dist/bench/src/bare-server.js <port> <databaseUrl>
 */
const typeDefs = `#graphql
  type County { id: ID! name: String! }
  type Village { id: ID! name: String! county: County! }
  type Station { id: ID! name: String! }
  type Listing { id: ID! title: String! priceFen: Int! available: Int! station: Station! originVillage: Village! }
  type ListingEdge { node: Listing! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type ListingConnection { edges: [ListingEdge!]! pageInfo: PageInfo! }
  input ListingFilter { countyId: ID }
  type Query { listings(filter: ListingFilter, first: Int): ListingConnection! }
`;

const PAGE = `SELECT l.id::text, l.title, l.price_fen,
    (SELECT COALESCE(sum(sl.remaining), 0)::int FROM supply_lots sl WHERE sl.listing_id = l.id) AS available,
    s.id::text AS s_id, s.name AS s_name, v.id::text AS v_id, v.name AS v_name, c.id::text AS c_id, c.name AS c_name
  FROM listings l JOIN stations s ON s.id = l.station_id JOIN villages v ON v.id = l.origin_village_id JOIN counties c ON c.id = v.county_id
  WHERE l.status = 'ACTIVE' AND l.county_id = $1
  ORDER BY l.created_at DESC, l.id DESC LIMIT $2`;

async function main(): Promise<void> {
  const [port, databaseUrl] = process.argv.slice(2);
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const resolvers = {
    Query: {
      listings: async (_: unknown, args: { filter?: { countyId?: string }; first?: number }) => {
        const first = Math.min(args.first ?? 20, 100);
        const { rows } = await pool.query(PAGE, [args.filter?.countyId ?? null, first + 1]);
        const page = rows.slice(0, first);
        return {
          edges: page.map((r) => ({
            node: {
              id: r.id,
              title: r.title,
              priceFen: Number(r.price_fen),
              available: r.available,
              station: { id: r.s_id, name: r.s_name },
              originVillage: { id: r.v_id, name: r.v_name, county: { id: r.c_id, name: r.c_name } },
            },
          })),
          pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? page[page.length - 1].id : null },
        };
      },
    },
  };
  const server = new ApolloServer({ typeDefs, resolvers });
  await startStandaloneServer(server, { listen: { port: Number(port), host: '127.0.0.1' } });
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => void server.stop().then(() => pool.end()).then(() => process.exit(0)));
}

void main();
