import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, Role } from '@app/platform';
import { UserData } from '../domain/user';

registerEnumType(Role, { name: 'Role' });

@ObjectType('User')
export class UserType implements UserData {
  @Field(() => ID) id: string;
  @Field() displayName: string;
  @Field(() => Role) role: Role;
  /** email and disabledAt are field resolvers (UserFieldsResolver): only the user and admins read them. */
  email: string;
  disabledAt: Date | null;
  /** Set on the user an AuthPayload returns: the caller's own account, before its token is on the request. */
  ownAccount?: boolean;
  /** Not GraphQL fields: the ids the station and county field resolvers load. */
  stationId: string | null;
  countyId: string | null;
}

@ObjectType('UserConnection')
export class UserConnection extends ConnectionType(UserType, 'User') {}
