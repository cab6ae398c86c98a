import { StationData } from './domain/station';
import { ServiceStation } from './entities/station.entity';

export const toStationData = (s: ServiceStation): StationData => ({
  id: s.id,
  name: s.name,
  dailyCapacity: s.dailyCapacity,
  commissionBps: s.commissionBps,
  active: s.active,
  villageId: s.villageId,
  countyId: s.countyId,
});
