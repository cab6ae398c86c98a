import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GoodsModule } from '@app/goods';
import { RateLimitModule } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { StationsModule } from '@app/stations';
import { AccountService } from './account.service';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './graphql/auth.resolver';
import { HistoryRecorderFieldsResolver } from './graphql/history-recorder-fields.resolver';
import { UserFieldsResolver } from './graphql/user-fields.resolver';
import { LoginAttempts } from './login-attempts';
import { TokenService } from './token.service';
import { UserLoaders } from './user-loaders.service';

@Module({
  imports: [RegistryModule, StationsModule, GoodsModule, RateLimitModule],
  providers: [
    TokenService,
    UserLoaders,
    LoginAttempts,
    AccountService,
    AuthResolver,
    UserFieldsResolver,
    HistoryRecorderFieldsResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountService, TokenService, UserLoaders],
})
export class AuthModule {}
