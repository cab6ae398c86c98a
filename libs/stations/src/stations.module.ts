import { Module } from '@nestjs/common';
import { StationLoaders } from './station-loaders.service';

@Module({
  providers: [StationLoaders],
  exports: [StationLoaders],
})
export class StationsModule {}
