import { Check, Entity, PrimaryColumn } from 'typeorm';
import { FenColumn } from '@app/platform';

/**
 * A station's cash, beside the ledger's `cash:station:<id>` (which holds the balance: deposits and
 * payments at pickup, less refunds and remittances, and cash loan repayments): what was remitted to the
 * county bank. The row is also the station's cash lock: a remittance and a refund take it, so cash is
 * never handed over twice nor refunded out of cash already remitted.
 */
@Entity('station_cash')
@Check('chk_station_cash_remitted', 'remitted_fen >= 0')
export class StationCash {
  @PrimaryColumn({ type: 'bigint' }) stationId: string;

  @FenColumn({ default: 0 }) remittedFen: number;
}
