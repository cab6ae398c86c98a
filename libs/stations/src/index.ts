import { ServiceStation } from './entities/station.entity';
import { StationVillage } from './entities/station-village.entity';

export { ServiceStation, StationVillage };
export { StationsModule } from './stations.module';
export const STATIONS_ENTITIES = [ServiceStation, StationVillage];
