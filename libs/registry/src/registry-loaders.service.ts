import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { byKeys, GraphQLContext, groupByKeys, loader } from '@app/platform';
import { County } from './entities/county.entity';
import { Household } from './entities/household.entity';
import { Township } from './entities/township.entity';
import { Village } from './entities/village.entity';
import { CountyData, HouseholdData, TownshipData, VillageData } from './domain/registry';
import { toCountyData, toHouseholdData, toTownshipData, toVillageData } from './registry-data';

/**
 * Per-request batched lookups of geography and households by id, for any domain's field resolvers
 * (a page of 100 listings costs one query for all their villages).
 */
@Injectable()
export class RegistryLoaders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  county(context: GraphQLContext, id: string): Promise<CountyData | null> {
    return this.countyLoader(context).load(id);
  }

  township(context: GraphQLContext, id: string): Promise<TownshipData | null> {
    return loader(context, 'registry.township', () =>
      new DataLoader<string, TownshipData | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Township).findBy({ id: In([...ids]) })).map(toTownshipData), (t) => t.id),
      ),
    ).load(id);
  }

  village(context: GraphQLContext, id: string): Promise<VillageData | null> {
    return this.villageLoader(context).load(id);
  }

  household(context: GraphQLContext, id: string): Promise<HouseholdData | null> {
    return loader(context, 'registry.household', () =>
      new DataLoader<string, HouseholdData | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Household).findBy({ id: In([...ids]) })).map(toHouseholdData), (h) => h.id),
      ),
    ).load(id);
  }

  /** A county's townships, by name then id (a county has a few dozen). */
  townshipsOfCounty(context: GraphQLContext, countyId: string): Promise<TownshipData[]> {
    return loader(context, 'registry.townshipsOfCounty', () =>
      new DataLoader<string, TownshipData[]>(async (ids) => {
        const rows = await this.dataSource.getRepository(Township).find({ where: { countyId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } });
        return groupByKeys(ids, rows.map(toTownshipData), (t) => t.countyId);
      }),
    ).load(countyId);
  }

  /** A township's villages, by code (a township has a few dozen). */
  villagesOfTownship(context: GraphQLContext, townshipId: string): Promise<VillageData[]> {
    return loader(context, 'registry.villagesOfTownship', () =>
      new DataLoader<string, VillageData[]>(async (ids) => {
        const rows = await this.dataSource.getRepository(Village).find({ where: { townshipId: In([...ids]) }, order: { code: 'ASC' } });
        return groupByKeys(ids, rows.map(toVillageData), (v) => v.townshipId);
      }),
    ).load(townshipId);
  }

  /**
   * Seeds this request's loaders with geography another domain read in its own query (a joined page
   * of listings): no query for those ids.
   */
  primeGeography(context: GraphQLContext, rows: { counties?: CountyData[]; villages?: VillageData[] }): void {
    for (const c of rows.counties ?? []) this.countyLoader(context).prime(c.id, c);
    for (const v of rows.villages ?? []) this.villageLoader(context).prime(v.id, v);
  }

  private countyLoader(context: GraphQLContext): DataLoader<string, CountyData | null> {
    return loader(context, 'registry.county', () =>
      new DataLoader<string, CountyData | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(County).findBy({ id: In([...ids]) })).map(toCountyData), (c) => c.id),
      ),
    );
  }

  private villageLoader(context: GraphQLContext): DataLoader<string, VillageData | null> {
    return loader(context, 'registry.village', () =>
      new DataLoader<string, VillageData | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Village).findBy({ id: In([...ids]) })).map(toVillageData), (v) => v.id),
      ),
    );
  }
}
