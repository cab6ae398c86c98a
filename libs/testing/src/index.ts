export { GqlResult, gqlRequest, metricsHeaders, startTestApi, TEST_JWT_SECRET, TEST_METRICS_TOKEN, testConfig, TestApi } from './api';
export { createTestDatabase, TestDatabase } from './database';
export { assertServicesUp, databaseUrl, TEST_DATABASE_URL, TEST_REDIS_URL, withAdminClient } from './services';
export { createWorld, TEST_PASSWORD, World, WorldUser } from './world';
export { RedisCluster, startRedisCluster } from './redis-cluster';
export { PgBouncer, startPgBouncer } from './pgbouncer';
export { PrimaryWithReplica, startPrimaryWithReplica } from './replica';
export { OrderInputOptions, placeOrderInput, TEST_ADDRESS } from './order-input';
