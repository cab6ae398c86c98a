import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FenScalar } from '@app/platform';
import { PovertyCategory, PovertyStatus } from '../domain/enums';
import { CountyData, HouseholdData, TownshipData, VillageData } from '../domain/registry';

registerEnumType(PovertyStatus, { name: 'PovertyStatus' });
registerEnumType(PovertyCategory, { name: 'PovertyCategory' });

@ObjectType('County')
export class CountyType implements CountyData {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field() nationalPovertyCounty: boolean;
  @Field(() => FenScalar, { description: 'The poverty line in fen a person a year (default 400000: 4,000 yuan), set by its officials.' })
  povertyLineFen: number;
  // townships: field resolver
}

@ObjectType('Township')
export class TownshipType implements TownshipData {
  @Field(() => ID) id: string;
  @Field() name: string;
  /** Loaded by the county field resolver. */
  countyId: string;
}

@ObjectType('Village')
export class VillageType implements VillageData {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field({ description: 'Designated a poverty-stricken village and not yet exited.' }) povertyStricken: boolean;
  townshipId: string;
  countyId: string;
}

/**
 * A household as the API shows it. The personal fields (registryNumber, headName, payoutAccountMasked)
 * are field resolvers that return null unless the caller may see them; the raw values ride along
 * here under names no GraphQL field has.
 */
@ObjectType('Household')
export class HouseholdType implements HouseholdData {
  @Field(() => ID) id: string;
  @Field(() => Int) members: number;
  @Field(() => PovertyStatus) povertyStatus: PovertyStatus;
  @Field(() => PovertyCategory, { nullable: true }) povertyCategory: PovertyCategory | null;
  villageId: string;
  countyId: string;
  privateRegistryNumber: string | null;
  privateHeadName: string;
  privatePayoutAccount: string;
}
