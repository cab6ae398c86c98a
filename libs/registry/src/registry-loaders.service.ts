import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { byKeys, GraphQLContext, groupByKeys, loader } from '@app/platform';
import { County } from './entities/county.entity';
import { Household } from './entities/household.entity';
import { Township } from './entities/township.entity';
import { Village } from './entities/village.entity';
import { toCountyType, toHouseholdType, toTownshipType, toVillageType } from './graphql/registry.mappers';
import { CountyType, HouseholdType, TownshipType, VillageType } from './graphql/registry.types';

/**
 * Per-request batched lookups of geography and households by id, for any domain's field resolvers
 * (a page of 100 listings costs one query for all their villages).
 */
@Injectable()
export class RegistryLoaders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  county(context: GraphQLContext, id: string): Promise<CountyType | null> {
    return this.countyLoader(context).load(id);
  }

  township(context: GraphQLContext, id: string): Promise<TownshipType | null> {
    return loader(context, 'registry.township', () =>
      new DataLoader<string, TownshipType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Township).findBy({ id: In([...ids]) })).map(toTownshipType), (t) => t.id),
      ),
    ).load(id);
  }

  village(context: GraphQLContext, id: string): Promise<VillageType | null> {
    return this.villageLoader(context).load(id);
  }

  household(context: GraphQLContext, id: string): Promise<HouseholdType | null> {
    return loader(context, 'registry.household', () =>
      new DataLoader<string, HouseholdType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Household).findBy({ id: In([...ids]) })).map(toHouseholdType), (h) => h.id),
      ),
    ).load(id);
  }

  /** A county's townships, by name then id (a county has a few dozen). */
  townshipsOfCounty(context: GraphQLContext, countyId: string): Promise<TownshipType[]> {
    return loader(context, 'registry.townshipsOfCounty', () =>
      new DataLoader<string, TownshipType[]>(async (ids) => {
        const rows = await this.dataSource.getRepository(Township).find({ where: { countyId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } });
        return groupByKeys(ids, rows.map(toTownshipType), (t) => t.countyId);
      }),
    ).load(countyId);
  }

  /** A township's villages, by code (a township has a few dozen). */
  villagesOfTownship(context: GraphQLContext, townshipId: string): Promise<VillageType[]> {
    return loader(context, 'registry.villagesOfTownship', () =>
      new DataLoader<string, VillageType[]>(async (ids) => {
        const rows = await this.dataSource.getRepository(Village).find({ where: { townshipId: In([...ids]) }, order: { code: 'ASC' } });
        return groupByKeys(ids, rows.map(toVillageType), (v) => v.townshipId);
      }),
    ).load(townshipId);
  }

  /**
   * Seeds this request's loaders with geography another domain read in its own query (a joined page
   * of listings): no query for those ids.
   */
  primeGeography(context: GraphQLContext, rows: { counties?: CountyType[]; villages?: VillageType[] }): void {
    for (const c of rows.counties ?? []) this.countyLoader(context).prime(c.id, c);
    for (const v of rows.villages ?? []) this.villageLoader(context).prime(v.id, v);
  }

  private countyLoader(context: GraphQLContext): DataLoader<string, CountyType | null> {
    return loader(context, 'registry.county', () =>
      new DataLoader<string, CountyType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(County).findBy({ id: In([...ids]) })).map(toCountyType), (c) => c.id),
      ),
    );
  }

  private villageLoader(context: GraphQLContext): DataLoader<string, VillageType | null> {
    return loader(context, 'registry.village', () =>
      new DataLoader<string, VillageType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Village).findBy({ id: In([...ids]) })).map(toVillageType), (v) => v.id),
      ),
    );
  }
}
