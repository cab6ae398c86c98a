import IORedis, { Cluster, ClusterNode, RedisOptions } from 'ioredis';

/** A connection to Redis: one server, or a Redis Cluster (ioredis's Cluster speaks the same commands). */
export type RedisConnection = IORedis | Cluster;

/**
 * The seed nodes of REDIS_URL: one `redis://host:port` URL, or several separated by commas (a
 * cluster's nodes; any reachable one is enough, the rest are discovered).
 */
export function redisNodes(redisUrl: string): string[] {
  return redisUrl
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function clusterNode(url: string): ClusterNode {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 6379) };
}

/**
 * Opens REDIS_URL as one server, or as a Redis Cluster when `cluster` is set. The options apply to
 * every node's connection. Credentials and database of the first URL apply to all nodes.
 */
export function openRedis(redisUrl: string, cluster: boolean, options: RedisOptions): RedisConnection {
  const urls = redisNodes(redisUrl);
  if (!cluster) return new IORedis(urls[0], options);
  const first = new URL(urls[0]);
  const redisOptions: RedisOptions = {
    ...options,
    ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
    ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
  };
  return new Cluster(urls.map(clusterNode), {
    redisOptions,
    enableOfflineQueue: options.enableOfflineQueue ?? true,
    // A failover takes the cluster's node timeout: keep asking rather than failing the command.
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    slotsRefreshTimeout: 2000,
  });
}
