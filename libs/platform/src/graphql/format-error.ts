import { HttpException } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode } from '@app/kernel';

const CONTRACT_CODES = new Set<string>(Object.values(ErrorCode));
const USER_INPUT_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

function originalOf(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/** The input field a GraphQL coercion or validation message talks about, e.g. `input.priceFen`. */
export function fieldFromMessage(message: string): string | undefined {
  // A field of an input object that is unknown or missing: named under the value's path.
  const inner = /; Field "(\w+)" (?:is not defined by type|of required type)/.exec(message)?.[1];
  const at = /Variable "\$(\w+)" got invalid value .*? at "([\w.[\]]+)"/.exec(message);
  if (at) return [at[2].replace(/\[(\d+)\]/g, '.$1'), ...(inner ? [inner] : [])].join('.');
  const variable = /Variable "\$(\w+)"/.exec(message);
  if (variable) return [variable[1], ...(inner ? [inner] : [])].join('.');
  const field = /[Ff]ield "(?:\w+\.)?(\w+)"/.exec(message);
  if (field) return field[1];
  const arg = /[Aa]rgument "(?:\w+\(?)?(\w+)\)?"/.exec(message) ?? /argument "(\w+)"/.exec(message);
  if (arg) return arg[1];
  return undefined;
}

/**
 * Maps every error to one of the contract's codes, in one place. Domain errors keep their code, message
 * and field; GraphQL's own input errors become BAD_USER_INPUT; anything else is an INTERNAL_SERVER_ERROR
 * whose message says nothing of the internals (the request id is added by the logging plugin).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalOf(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}), ...(original.details ?? {}) },
    };
  }
  if (original instanceof HttpException) {
    const status = original.getStatus();
    const code = status === 401 ? ErrorCode.UNAUTHENTICATED : status === 403 ? ErrorCode.FORBIDDEN : status === 404 ? ErrorCode.NOT_FOUND : status === 429 ? ErrorCode.RATE_LIMITED : status < 500 ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL_SERVER_ERROR;
    if (code !== ErrorCode.INTERNAL_SERVER_ERROR) return { message: original.message, path: formatted.path, extensions: { code } };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (code === ErrorCode.BAD_USER_INPUT || USER_INPUT_CODES.has(code)) {
    const field = (formatted.extensions?.field as string | undefined) ?? fieldFromMessage(formatted.message);
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } };
  }
  if (CONTRACT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    return { message: formatted.message, path: formatted.path, extensions: { code, ...(formatted.extensions?.field ? { field: formatted.extensions.field } : {}) } };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
