import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { byKeys, GraphQLContext, loader } from '@app/platform';
import { User } from './entities/user.entity';
import { toUserType, UserType } from './graphql/user.type';

/** Per-request batched user lookups for any domain's field resolvers (Order.buyer). */
@Injectable()
export class UserLoaders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  user(context: GraphQLContext, id: string): Promise<UserType | null> {
    return loader(context, 'auth.user', () =>
      new DataLoader<string, UserType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(User).findBy({ id: In([...ids]) })).map(toUserType), (u) => u.id),
      ),
    ).load(id);
  }
}
