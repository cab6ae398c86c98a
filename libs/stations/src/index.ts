import { ServiceStation } from './entities/station.entity';
import { StationVillage } from './entities/station-village.entity';

export { ServiceStation, StationVillage };
export { StationData } from './domain/station';
export { ServiceStationType } from './graphql/station.type';
export { toStationData } from './station-data';
export { StationLoaders } from './station-loaders.service';
export { StationCoverage } from './station-coverage.service';
export { StationService } from './station.service';
export { StationsModule } from './stations.module';
export const STATIONS_ENTITIES = [ServiceStation, StationVillage];
export { commissionProblem, maxCommissionBps } from './domain/commission';
export { joinStationSql, STATION_PAYEES_SQL, stationExistsSql, stationServesVillageSql, stationTermsJsonSql, stationTermsSql, stationTermsUnchangedSql, stationVillagesSql, villagesServedBySql } from './sql/station-order-sql';
