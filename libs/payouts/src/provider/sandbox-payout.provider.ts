import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@app/platform';
import { Batcher, ItemResult } from '../batcher';
import { PayoutProvider, TransferResult } from './payout-provider';

/** A refusal by the provider (the sandbox's injected failures): the attempt failed, no money moved. */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderError';
  }
}

interface TransferRequest {
  key: string;
  account: string;
  amountFen: number;
}

interface TransferRow {
  id: string;
  idempotency_key: string;
  account: string;
  amount_fen: string;
}

/**
 * The sandbox provider: keeps its transfers in its own table (sandbox_transfers), one per idempotency
 * key; a repeated key moves nothing and answers the first transfer. SANDBOX_LATENCY_MS makes every
 * call slow and SANDBOX_FAILURE_RATE makes that share of calls fail before any transfer, to exercise
 * retries, crashes and the relay. Concurrent calls share one INSERT (its own small group commit).
 */
@Injectable()
export class SandboxPayoutProvider implements PayoutProvider {
  private readonly batcher = new Batcher<TransferRequest, TransferRow>((requests) => this.write(requests), 200, 4);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async transfer(idempotencyKey: string, account: string, amountFen: number): Promise<TransferResult> {
    if (this.config.sandboxLatencyMs > 0) await new Promise((r) => setTimeout(r, this.config.sandboxLatencyMs));
    if (this.config.sandboxFailureRate > 0 && Math.random() < this.config.sandboxFailureRate) {
      throw new ProviderError('sandbox: transfer refused (SANDBOX_FAILURE_RATE)');
    }
    const first = await this.batcher.submit({ key: idempotencyKey, account, amountFen });
    if (Number(first.amount_fen) !== amountFen || first.account !== account) {
      // A real provider refuses a reused key with different details; so does the sandbox.
      throw new ProviderError(`sandbox: idempotency key ${idempotencyKey} was first used for ${first.amount_fen} fen to another account or amount`);
    }
    return { reference: `sandbox-${first.id}` };
  }

  /** Inserts the new keys (in key order, so concurrent batches lock alike) and reads back the known ones. */
  private async write(requests: TransferRequest[]): Promise<Array<ItemResult<TransferRow>>> {
    const keys = requests.map((r) => r.key);
    const rows: TransferRow[] = await this.dataSource.query(
      `WITH req AS (
         SELECT DISTINCT ON (key) key, account, amount FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(key, account, amount) ORDER BY key
       ), inserted AS (
         INSERT INTO sandbox_transfers (idempotency_key, account, amount_fen)
         SELECT key, account, amount FROM req ORDER BY key
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id, idempotency_key, account, amount_fen
       )
       SELECT id::text, idempotency_key, account, amount_fen::text FROM inserted
       UNION ALL
       SELECT id::text, idempotency_key, account, amount_fen::text FROM sandbox_transfers WHERE idempotency_key = ANY($1::text[])`,
      [keys, requests.map((r) => r.account), requests.map((r) => r.amountFen)],
    );
    const byKey = new Map(rows.map((r) => [r.idempotency_key, r]));
    const missing = keys.filter((k) => !byKey.has(k));
    if (missing.length > 0) {
      // Inserted concurrently by another call and committed after this statement's snapshot: a fresh
      // statement sees them.
      const late: TransferRow[] = await this.dataSource.query(
        `SELECT id::text, idempotency_key, account, amount_fen::text FROM sandbox_transfers WHERE idempotency_key = ANY($1::text[])`,
        [missing],
      );
      for (const r of late) byKey.set(r.idempotency_key, r);
    }
    return requests.map((r) => {
      const row = byKey.get(r.key);
      return row ? { ok: true, value: row } : { ok: false, error: new ProviderError(`sandbox: transfer ${r.key} neither written nor found`) };
    });
  }
}
