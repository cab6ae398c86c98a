import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FenColumn, RefColumn } from '@app/platform';
import { PayeeKind } from '../domain/enums';
import { Payout } from './payout.entity';

/**
 * Which payout settles an order allocation's share for one payee kind: the household's net
 * (HOUSEHOLD) or the listing station's commission (STATION). Written by settlement, one row per
 * allocation and kind, never changed: an allocation with no row of a kind is not settled for it yet.
 * The allocation (the orders domain's) is named by id only.
 */
@Entity('payout_links')
export class PayoutLink {
  @PrimaryColumn({ type: 'bigint' }) allocationId: string;

  @PrimaryColumn({ type: 'enum', enum: PayeeKind, enumName: 'payee_kind' }) payeeKind: PayeeKind;

  @Index()
  @RefColumn() payoutId: string;

  @ManyToOne(() => Payout, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payout_id' })
  payout?: Payout;

  /** The station whose listing sold it: an operator reads only the payouts wholly of its own station's sales. */
  @RefColumn() listingStationId: string;

  /** What the payout pays for this allocation (the net or the commission). */
  @FenColumn() amountFen: number;
}
