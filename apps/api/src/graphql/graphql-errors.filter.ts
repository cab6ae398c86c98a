import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';

/**
 * Hands a resolver's error straight to Apollo (formatError maps it to the contract's codes). Without
 * this, Nest logs every one as an error with its stack, a wrong password and a bad input alike, which
 * would bury the real failures; those are logged once, with the request id, by the observability plugin.
 * Errors of plain HTTP routes keep Nest's default handling.
 */
@Catch()
export class GraphQLErrorsFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
