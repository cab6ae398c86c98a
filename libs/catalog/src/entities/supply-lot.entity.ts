import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { Household } from '@app/registry';
import { Listing } from './listing.entity';

/** Units of a listing that one household supplies. `remaining` never goes below zero (checked here too). */
@Entity('supply_lots')
@Check('chk_supply_lots_quantity', 'quantity > 0')
@Check('chk_supply_lots_remaining', 'remaining >= 0 AND remaining <= quantity')
@Index(['listingId', 'id'])
@Index(['householdId'])
export class SupplyLot {
  @IdColumn() id: string;

  @RefColumn() listingId: string;

  @ManyToOne(() => Listing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: Listing;

  @RefColumn() householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @Column({ type: 'int' }) quantity: number;

  @Column({ type: 'int' }) remaining: number;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
