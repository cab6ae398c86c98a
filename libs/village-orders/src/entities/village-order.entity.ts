import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';
import { VillageOrderStatus } from '../domain/enums';

/**
 * Goods ordered by a station's operator for a villager (a household of a served village, or a named
 * villager not on the registry), picked up at the station. The lines are one merchant's goods (one
 * shipment). Amounts are fixed at placement: the station's commission rate and the platform fee then.
 */
@Entity('village_orders')
@Check('chk_village_orders_deposit', 'deposit_fen >= 0 AND deposit_fen <= total_fen')
@Check('chk_village_orders_split', 'merchant_net_fen + station_commission_fen + platform_fee_fen = total_fen AND merchant_net_fen >= 0')
@Check('chk_village_orders_villager', 'household_id IS NOT NULL OR villager_name IS NOT NULL')
@Index(['stationId', 'id'])
@Index(['merchantId', 'id'])
@Index(['countyId', 'id'])
@Index(['status', 'receivedAt'])
@Index(['status', 'collectedAt'])
export class VillageOrder {
  @IdColumn() id: string;

  @RefColumn() stationId: string;

  /** The station's county (officials' access, the two-way report). */
  @RefColumn() countyId: string;

  @RefColumn() villageId: string;

  @RefColumn({ nullable: true }) householdId: string | null;

  /** The villager's name when not on the registry (or as told, for a household). */
  @Column({ type: 'varchar', length: 100, nullable: true }) villagerName: string | null;

  @RefColumn() merchantId: string;

  @Column({ type: 'enum', enum: VillageOrderStatus, enumName: 'village_order_status', default: VillageOrderStatus.PLACED })
  status: VillageOrderStatus;

  @FenColumn() totalFen: number;

  @FenColumn() depositFen: number;

  @Column({ type: 'int' }) commissionBps: number;

  @FenColumn() stationCommissionFen: number;

  @FenColumn() platformFeeFen: number;

  @FenColumn() merchantNetFen: number;

  /** The FARM_INPUT lines' total (the report of registered-poor households' spend on farm inputs). */
  @FenColumn() farmInputFen: number;

  /** The household was REGISTERED_POOR when the order was placed. */
  @Column({ type: 'boolean', default: false }) registeredPoorAtOrder: boolean;

  /** HMAC of the six-digit pickup code with a per-order salt: `salt$hex`. The code itself is shown once. */
  @Column({ type: 'varchar', length: 120 }) pickupCodeHash: string;

  /** Wrong codes since the last lock (five lock the pickup for 15 minutes). */
  @Column({ type: 'int', default: 0 }) pickupFailures: number;

  @Column({ type: 'timestamptz', nullable: true }) pickupLockedUntil: Date | null;

  @RefColumn() placedByUserId: string;

  /** The table is partitioned by its year (migration PartitionVillageOrders): part of the primary key, as PostgreSQL wants. */
  @PrimaryColumn({ type: 'timestamptz', default: () => 'now()' }) placedAt: Date;

  @Column({ type: 'timestamptz', nullable: true }) shippedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true }) receivedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true }) collectedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true }) returnedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;

  /** Set by settlement: the payouts paying the merchant's net and the station's commission. */
  @RefColumn({ nullable: true }) merchantPayoutId: string | null;

  @RefColumn({ nullable: true }) stationPayoutId: string | null;
}
