import { Module } from '@nestjs/common';
import { RateLimitService } from './rate-limit.service';

/** Import where a service needs rate limits (the auth domain's sign-in and registration). */
@Module({ providers: [RateLimitService], exports: [RateLimitService] })
export class RateLimitModule {}
