import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigValidationError } from '@app/platform';
import { maxCommissionBps } from './domain/commission';

/**
 * Refuses to start when PLATFORM_FEE_BPS leaves a station's commission no room (a fee raised after
 * the rates were set): every order of that station's listings would otherwise be refused.
 */
@Injectable()
export class CommissionGuard implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    // Printing the schema builds the modules with no database connection: nothing to check then.
    if (!this.dataSource.isInitialized) return;
    const max = maxCommissionBps(this.config.platformFeeBps);
    const rows: Array<{ id: string; name: string; commission_bps: number }> = await this.dataSource.query(
      `SELECT id::text, name, commission_bps FROM stations WHERE commission_bps > $1 ORDER BY commission_bps DESC, id LIMIT 5`,
      [max],
    );
    if (rows.length === 0) return;
    const list = rows.map((r) => `${r.name} (${r.id}): ${r.commission_bps} bps`).join(', ');
    throw new ConfigValidationError(
      `invalid configuration:\n  PLATFORM_FEE_BPS: ${this.config.platformFeeBps} leaves at most ${max} bps of commission, but stations charge more: ${list}; lower their commissionBps first`,
    );
  }
}
