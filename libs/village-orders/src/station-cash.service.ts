import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toFen } from '@app/kernel';
import { Actor, badInput, forbidden, inTransaction, invalidState, isId, notFound, Role } from '@app/platform';
import { Accounts, LedgerService, stationCashRemitted } from '@app/ledger';
import { StationService } from '@app/stations';
import { StationCashPositionData } from './domain/station-cash';
import { canSeeStationCash } from './domain/village-order-access';
import { CashRemittance } from './entities/cash-remittance.entity';
import { lockStationCash } from './station-cash.repository';

const position = (stationId: string, onHandFen: number, remittedFen: number): StationCashPositionData => ({ stationId, takenFen: onHandFen + remittedFen, remittedFen, onHandFen });

/** The cash a station's operator holds (the ledger's cash:station balance), and its remittance to the county bank. */
@Injectable()
export class StationCashService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly stations: StationService,
  ) {}

  /** Readable by the station's operators, officials of its county and admins (FORBIDDEN otherwise). */
  async position(actor: Actor | null, stationId: string): Promise<StationCashPositionData> {
    const station = await this.stations.station(stationId);
    if (!station) throw notFound('Station', stationId, 'stationId');
    if (!canSeeStationCash(actor, { id: String(station.id), countyId: String(station.countyId) })) throw forbidden("Only the station's operators, its county's officials and admins see its cash");
    const [onHand, [row]] = await Promise.all([
      this.ledger.balanceOf(Accounts.stationCash(stationId)),
      this.dataSource.query(`SELECT remitted_fen::text FROM station_cash WHERE station_id = $1`, [stationId]) as Promise<Array<{ remitted_fen: string }>>,
    ]);
    return position(stationId, onHand, toFen(row?.remitted_fen ?? 0));
  }

  /**
   * The operator hands `amountFen` of the station's cash to the county bank: never more than it holds
   * (INVALID_STATE), whatever the concurrency (under the station's cash lock).
   */
  async remit(actor: Actor, stationIdInput: string | null | undefined, amountFen: number): Promise<{ remittance: CashRemittance; position: StationCashPositionData }> {
    if (actor.role === Role.STATION_OPERATOR && stationIdInput != null && stationIdInput !== actor.stationId) throw forbidden("Operators remit their own station's cash");
    const stationId = actor.role === Role.STATION_OPERATOR ? actor.stationId : stationIdInput;
    if (!stationId) throw badInput('stationId', 'Name the station whose cash is remitted');
    if (!isId(stationId)) throw badInput('stationId', 'stationId is not an id');
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw badInput('amountFen', 'amountFen must be a positive whole number of fen');
    if (!(await this.stations.station(stationId))) throw notFound('Station', stationId, 'stationId');
    return inTransaction(this.dataSource, async (tx) => {
      const remitted = await lockStationCash(tx, stationId);
      const onHand = await this.ledger.balanceOf(Accounts.stationCash(stationId), tx);
      if (amountFen > onHand) throw invalidState(`The station holds ${onHand} fen in cash: it cannot remit ${amountFen}`);
      await tx.manager.query(`UPDATE station_cash SET remitted_fen = remitted_fen + $2 WHERE station_id = $1`, [stationId, amountFen]);
      const repo = tx.manager.getRepository(CashRemittance);
      const remittance = await repo.save(repo.create({ stationId, amountFen, remittedByUserId: actor.userId }));
      await this.ledger.postAll(tx, [stationCashRemitted({ remittanceId: String(remittance.id), stationId, amountFen })]);
      return { remittance, position: position(stationId, onHand - amountFen, remitted + amountFen) };
    });
  }
}
