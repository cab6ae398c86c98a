import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { toFen } from '@app/kernel';

/** What a household has sold, for other domains (credit assessment reads its delivered sales). */
@Injectable()
export class HouseholdSales {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The household's supplier net (fen) from allocations of DELIVERED fulfilments of orders placed at or after `since`. */
  async deliveredNetSince(householdId: string, since: Date, manager?: EntityManager): Promise<number> {
    const [row]: Array<{ net: string }> = await (manager ?? this.dataSource.manager).query(
      `SELECT COALESCE(sum(a.supplier_net_fen), 0)::text AS net
         FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id
        WHERE a.household_id = $1 AND a.placed_at >= $2 AND f.status = 'DELIVERED'`,
      [householdId, since],
    );
    const net = toFen(row.net);
    if (!Number.isSafeInteger(net)) throw new RangeError(`sales sum ${row.net} is beyond a safe integer`);
    return net;
  }
}
