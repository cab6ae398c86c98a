/** One month of one station, or of the whole report scope when stationId is null. */
export interface TwoWayFlowRowData {
  /** YYYY-MM (Asia/Shanghai). */
  month: string;
  stationId: string | null;
  /** Upward: orders of produce (DELIVERED fulfilments) placed in the month, and their gross sales. */
  upwardOrders: number;
  upwardSalesFen: number;
  /** Downward: village orders collected in the month, the goods' price, of which farm inputs. */
  downwardOrders: number;
  downwardSalesFen: number;
  farmInputFen: number;
  /** Farm inputs collected by households that were REGISTERED_POOR when they ordered. */
  registeredPoorFarmInputFen: number;
}

/** A county's two-way circulation over a range of months. */
export interface TwoWayFlowData {
  from: string;
  to: string;
  /** Per month of the range, empty months included. */
  months: TwoWayFlowRowData[];
  /** Per station and month with any flow, months ascending, then station id. */
  stations: TwoWayFlowRowData[];
}
