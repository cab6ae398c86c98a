import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, FenScalar } from '@app/platform';
import { AllocationPolicy, ListingSort, ListingStatus } from '../domain/enums';
import { ListingData, SupplyLotData } from '../domain/listing';

registerEnumType(ListingStatus, { name: 'ListingStatus' });
registerEnumType(AllocationPolicy, { name: 'AllocationPolicy' });
registerEnumType(ListingSort, { name: 'ListingSort' });

/** A household's units behind a listing. `household` is a field resolver (RegistryLoaders). */
@ObjectType('SupplyLot')
export class SupplyLotType implements SupplyLotData {
  @Field(() => ID) id: string;
  @Field(() => Int) quantity: number;
  @Field(() => Int) remaining: number;
  listingId: string;
  householdId: string;
  createdAt: Date;
}

/**
 * A listing as the API shows it. station, originVillage and supply are field resolvers (batched per
 * request); available is read from the lots, povertyAlleviation is the column the supply_lots
 * triggers keep current.
 */
@ObjectType('Listing')
export class ListingType implements ListingData {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() description: string;
  @Field() category: string;
  @Field() unit: string;
  @Field(() => FenScalar) priceFen: number;
  @Field(() => ListingStatus) status: ListingStatus;
  @Field(() => AllocationPolicy) allocationPolicy: AllocationPolicy;
  @Field(() => Int, { description: "Units that can still be ordered: the sum of the lots' remaining quantities." })
  available: number;
  @Field({
    description:
      'True when at least one lot with remaining stock belongs to a REGISTERED_POOR household or the origin village is poverty-stricken.',
  })
  povertyAlleviation: boolean;
  @Field() createdAt: Date;
  /** Not GraphQL fields: what the station, originVillage and supply resolvers (and access checks) use. */
  stationId: string;
  originVillageId: string;
  countyId: string;
}

@ObjectType('ListingConnection')
export class ListingConnection extends ConnectionType(ListingType, 'Listing') {}
