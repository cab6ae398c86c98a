import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '@app/platform';
import { HistoryRecorderType } from '@app/registry';
import { UserLoaders } from '../user-loaders.service';

/**
 * HistoryRecorder.displayName: the registry's histories give the recorder's id, and the name is this
 * domain's (it owns users), read through the request's user loader (one query for a page of entries).
 */
@Resolver(() => HistoryRecorderType)
export class HistoryRecorderFieldsResolver {
  constructor(private readonly users: UserLoaders) {}

  @ResolveField(() => String)
  async displayName(@Parent() recorder: HistoryRecorderType, @Context() ctx: GraphQLContext): Promise<string> {
    return recorder.displayName ?? (await this.users.user(ctx, recorder.id))?.displayName ?? '';
  }
}
