import { Injectable } from '@nestjs/common';
import { Tx } from '../database/transaction';

/**
 * Events one domain raises inside its transaction and others react to inside the same transaction,
 * so that what they keep (rollups, attributions) is never stale once the mutation returns, and the
 * raising domain need not know who listens (no dependency from orders to impact, for one). Each
 * domain declares the events it raises, with their payloads, in its own src/events.ts (an
 * augmentation of DomainEventPayloads).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the raising domains
export interface DomainEventPayloads {}

export type DomainEventName = keyof DomainEventPayloads;
type Handler<N extends DomainEventName> = (tx: Tx, payload: DomainEventPayloads[N]) => Promise<void>;

@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, Array<Handler<DomainEventName>>>();

  /** Registers a handler (in onModuleInit); it runs inside the raiser's transaction. */
  on<N extends DomainEventName>(name: N, handler: Handler<N>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as unknown as Handler<DomainEventName>);
    this.handlers.set(name, list);
  }

  /** Runs every handler of the event in the transaction, in registration order; a failure rolls it all back. */
  async emit<N extends DomainEventName>(tx: Tx, name: N, payload: DomainEventPayloads[N]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await handler(tx, payload);
  }
}
