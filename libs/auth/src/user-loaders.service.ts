import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { byKeys, GraphQLContext, loader } from '@app/platform';
import { User } from './entities/user.entity';
import { UserData } from './domain/user';
import { toUserData } from './user-data';

/** Per-request batched user lookups for any domain's field resolvers (Order.buyer). */
@Injectable()
export class UserLoaders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  user(context: GraphQLContext, id: string): Promise<UserData | null> {
    return loader(context, 'auth.user', () =>
      new DataLoader<string, UserData | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(User).findBy({ id: In([...ids]) })).map(toUserData), (u) => u.id),
      ),
    ).load(id);
  }
}
