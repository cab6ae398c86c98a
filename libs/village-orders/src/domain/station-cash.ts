/** A station's cash from village orders: what its operators took from villagers and handed on. */
export interface StationCashPositionData {
  stationId: string;
  /** Deposits and payments at pickup, less refunds. */
  takenFen: number;
  /** Handed to the county bank. */
  remittedFen: number;
  /** Held by the operators: taken minus remitted. */
  onHandFen: number;
}
