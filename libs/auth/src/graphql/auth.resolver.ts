import { Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, CurrentActor } from '@app/platform';
import { User } from '../entities/user.entity';
import { UserType } from './user.type';

@Resolver(() => UserType)
export class AuthResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null when anonymous.' })
  async me(@CurrentActor() actor: Actor | null): Promise<UserType | null> {
    if (!actor) return null;
    const user = await this.dataSource.getRepository(User).findOneBy({ id: actor.userId });
    return user ? toUserType(user) : null;
  }
}

export function toUserType(user: User): UserType {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, stationId: user.stationId, countyId: user.countyId };
}
