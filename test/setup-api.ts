// Jest setup file (jest.config.js): the application that startTestApi (libs/testing) runs is the API
// app's. It is required when a test starts one, not here: unit tests do not load the whole app.
import type { AppConfig } from '@app/platform';
import { provideTestApi } from '../libs/testing/src/api-factory';

provideTestApi((config: AppConfig) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily, see above
  const { createApi } = require('../apps/api/src/bootstrap') as typeof import('../apps/api/src/bootstrap');
  return createApi(config);
});
