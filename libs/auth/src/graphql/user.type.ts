import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@app/platform';

registerEnumType(Role, { name: 'Role' });

@ObjectType('User')
export class UserType {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field(() => Role) role: Role;
  /** Not GraphQL fields: the ids the station and county field resolvers load. */
  stationId: string | null;
  countyId: string | null;
}
