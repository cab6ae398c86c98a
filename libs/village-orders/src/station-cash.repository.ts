import { toFen } from '@app/kernel';
import { Tx } from '@app/platform';

/**
 * Takes the station's cash lock (its station_cash row, created on first use) until the transaction
 * ends, and returns what it has remitted so far. Remittances and refunds take it; takings need not
 * (they only add cash).
 */
export async function lockStationCash(tx: Tx, stationId: string): Promise<number> {
  await tx.manager.query(`INSERT INTO station_cash (station_id, remitted_fen) VALUES ($1, 0) ON CONFLICT (station_id) DO NOTHING`, [stationId]);
  const [row]: Array<{ remitted_fen: string }> = await tx.manager.query(`SELECT remitted_fen::text FROM station_cash WHERE station_id = $1 FOR UPDATE`, [stationId]);
  return toFen(row.remitted_fen);
}
