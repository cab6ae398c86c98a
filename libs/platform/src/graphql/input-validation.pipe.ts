import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { badInput } from '@app/kernel';

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object];

/** The first failing property of a class-validator result, as a dotted path and a message. */
function firstFailure(errors: ValidationError[], prefix: string[]): [string, string] {
  const error = errors[0];
  const path = [...prefix, error.property];
  if (error.constraints && Object.keys(error.constraints).length > 0) {
    return [path.join('.'), Object.values(error.constraints)[0]];
  }
  return firstFailure(error.children ?? [], path);
}

/** Where a string holding U+0000 sits in a value (a dotted path from `prefix`), if anywhere. */
export function nulCharacterPath(value: unknown, prefix: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? prefix : undefined;
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nulCharacterPath(item, prefix ? `${prefix}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The parameters that carry what a client sent: GraphQL @Args reach pipes as 'body' (Nest maps
 * GraphQL's param types onto the HTTP ones); the actor, the context and the parent are 'custom'.
 */
const CLIENT_INPUT = new Set(['body', 'query', 'param']);

/**
 * Validates GraphQL input objects with their class-validator decorators. A failure is BAD_USER_INPUT
 * whose `field` names the argument and property, e.g. `input.priceFen`. Any text argument holding a
 * NUL character is refused the same way: PostgreSQL cannot store one in text, and the failed query
 * would otherwise surface as an internal error.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (CLIENT_INPUT.has(metadata.type)) {
      const nul = nulCharacterPath(value, metadata.data ?? '');
      if (nul !== undefined) throw badInput(nul, `${nul || 'the input'} must not contain NUL (U+0000) characters`);
    }
    const type = metadata.metatype;
    if (!type || PRIMITIVES.includes(type) || value === null || value === undefined || typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    // Synchronously: no validator of ours is asynchronous, and validate() wraps each constraint of
    // each argument of each request in promises (about 2% of a catalog page's CPU in a profile).
    const errors = validateSync(instance, { forbidUnknownValues: false, validationError: { target: false } });
    if (errors.length > 0) {
      const [path, message] = firstFailure(errors, metadata.data ? [metadata.data] : []);
      throw badInput(path, message);
    }
    return instance;
  }
}
