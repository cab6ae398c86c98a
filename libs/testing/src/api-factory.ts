import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@app/platform';

/** Makes the API application for a configuration: migrated and initialised, not yet listening. */
export type ApiFactory = (config: AppConfig) => Promise<NestExpressApplication>;

let factory: ApiFactory | undefined;

/**
 * The test suite says which application `startTestApi` runs (test/setup-api.ts, a Jest setup file):
 * a lib imports no app. This file imports nothing at run time, so the setup costs unit tests nothing.
 */
export function provideTestApi(make: ApiFactory): void {
  factory = make;
}

export function testApiFactory(): ApiFactory {
  if (!factory) throw new Error('No API to test: Jest runs test/setup-api.ts first (jest.config.js, setupFiles), which provides it');
  return factory;
}
