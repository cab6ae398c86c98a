/** A service station as the stations domain answers it. */
export interface StationData {
  id: string;
  name: string;
  dailyCapacity: number;
  commissionBps: number;
  active: boolean;
  /** The station's own village and its county. */
  villageId: string;
  countyId: string;
}
