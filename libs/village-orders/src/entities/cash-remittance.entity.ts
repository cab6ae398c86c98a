import { Check, Column, Entity, Index } from 'typeorm';
import { FenColumn, IdColumn, RefColumn } from '@app/platform';

/** Cash an operator handed to the county bank (its ledger entry: debit bank:deposits, credit cash:station). */
@Entity('cash_remittances')
@Check('chk_cash_remittances_amount', 'amount_fen > 0')
@Index(['stationId', 'id'])
export class CashRemittance {
  @IdColumn() id: string;

  @RefColumn() stationId: string;

  @FenColumn() amountFen: number;

  @RefColumn() remittedByUserId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' }) remittedAt: Date;
}
