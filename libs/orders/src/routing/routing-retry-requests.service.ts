import { Injectable, Logger } from '@nestjs/common';
import { QueueService, Tx } from '@app/platform';

/**
 * Asks for a routing retry once a transaction that may have freed capacity commits (a cancellation, a
 * station created, raised, reactivated or serving more villages). Each request is its own job: a
 * fixed job id would be swallowed while a finished run is still kept, and an idle run costs one query.
 */
@Injectable()
export class RoutingRetryRequests {
  private readonly logger = new Logger('RoutingRetry');

  constructor(private readonly queue: QueueService) {}

  request(tx: Tx): void {
    tx.afterCommit(() =>
      // The scheduled run catches up if the queue is unreachable now.
      this.queue.enqueue('routing.retry', {}).catch((error: Error) => this.logger.warn(`could not enqueue routing.retry: ${error.message}`)),
    );
  }
}
