import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, ID_PATTERN, notFound, pgErrorCode } from '@app/platform';
import { County } from './entities/county.entity';
import { Township } from './entities/township.entity';
import { Village } from './entities/village.entity';
import { CreateCountyInput, CreateTownshipInput, CreateVillageInput } from './graphql/registry.inputs';

/** The contract returns counties unpaginated; Handan has 18, a province a few hundred. */
export const MAX_COUNTIES = 1000;

const UNIQUE_VIOLATION = '23505';

/** Counties, townships and villages: reading and the admins' creation of them. */
@Injectable()
export class GeographyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listCounties(): Promise<County[]> {
    return this.dataSource.getRepository(County).find({ order: { code: 'ASC' }, take: MAX_COUNTIES });
  }

  county(id: string): Promise<County | null> {
    return ID_PATTERN.test(id) ? this.dataSource.getRepository(County).findOneBy({ id }) : Promise.resolve(null);
  }

  village(id: string): Promise<Village | null> {
    return ID_PATTERN.test(id) ? this.dataSource.getRepository(Village).findOneBy({ id }) : Promise.resolve(null);
  }

  /** The county of each of these villages that exists (read through `manager` inside a transaction). */
  async villageCounties(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const valid = ids.filter((id) => ID_PATTERN.test(id));
    if (valid.length === 0) return new Map();
    const rows: Array<{ id: string; county_id: string }> = await manager.query('SELECT id::text, county_id::text FROM villages WHERE id = ANY($1::bigint[])', [valid]);
    return new Map(rows.map((r) => [r.id, r.county_id]));
  }

  /** The ids among these that are counties (read through `manager` inside a transaction). */
  async existingCountyIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const valid = ids.filter((id) => ID_PATTERN.test(id));
    if (valid.length === 0) return new Set();
    const rows: Array<{ id: string }> = await manager.query('SELECT id::text FROM counties WHERE id = ANY($1::bigint[])', [valid]);
    return new Set(rows.map((r) => r.id));
  }

  /** Villages by their codes (the codes of a lender's list), each with its county; unknown codes are absent. */
  async villagesByCode(codes: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, { id: string; countyId: string }>> {
    if (codes.length === 0) return new Map();
    const rows: Array<{ code: string; id: string; county_id: string }> = await manager.query(
      'SELECT code, id::text, county_id::text FROM villages WHERE code = ANY($1::text[])',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { id: r.id, countyId: r.county_id }]));
  }

  /** A new county; CONFLICT (input.code) when the code is taken. */
  async createCounty(input: CreateCountyInput): Promise<County> {
    try {
      return await this.dataSource.getRepository(County).save(
        this.dataSource.getRepository(County).create({ code: input.code, name: input.name, nationalPovertyCounty: input.nationalPovertyCounty }),
      );
    } catch (error) {
      if (pgErrorCode(error) === UNIQUE_VIOLATION) throw conflict(`A county with code ${input.code} exists already`, 'input.code');
      throw error;
    }
  }

  /** A new township of an existing county; CONFLICT (input.name) when the county has one of that name. */
  async createTownship(input: CreateTownshipInput): Promise<Township> {
    try {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        'INSERT INTO townships (county_id, name) SELECT c.id, $2 FROM counties c WHERE c.id = $1 RETURNING id::text',
        [input.countyId, input.name],
      );
      if (rows.length === 0) throw notFound('County', input.countyId, 'input.countyId');
      return (await this.dataSource.getRepository(Township).findOneBy({ id: rows[0].id }))!;
    } catch (error) {
      if (pgErrorCode(error) === UNIQUE_VIOLATION) throw conflict(`The county has a township named ${input.name} already`, 'input.name');
      throw error;
    }
  }

  /** A new village in an existing township (and so its county); CONFLICT (input.code) when the code is taken. */
  async createVillage(input: CreateVillageInput): Promise<Village> {
    try {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `INSERT INTO villages (township_id, county_id, code, name, poverty_stricken, designated_poverty_stricken)
         SELECT t.id, t.county_id, $2, $3, $4, $4 FROM townships t WHERE t.id = $1 RETURNING id::text`,
        [input.townshipId, input.code, input.name, input.povertyStricken],
      );
      if (rows.length === 0) throw notFound('Township', input.townshipId, 'input.townshipId');
      return (await this.dataSource.getRepository(Village).findOneBy({ id: rows[0].id }))!;
    } catch (error) {
      if (pgErrorCode(error) === UNIQUE_VIOLATION) throw conflict(`A village with code ${input.code} exists already`, 'input.code');
      throw error;
    }
  }
}
