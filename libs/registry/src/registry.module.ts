import { Module } from '@nestjs/common';
import { RegistryLoaders } from './registry-loaders.service';

@Module({
  providers: [RegistryLoaders],
  exports: [RegistryLoaders],
})
export class RegistryModule {}
