import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { badInput } from '../errors/domain-error';

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

/**
 * Validates GraphQL input objects with their class-validator decorators. A failure is BAD_USER_INPUT
 * whose `field` names the argument and property, e.g. `input.priceFen`.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!type || PRIMITIVES.includes(type) || value === null || value === undefined || typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, { forbidUnknownValues: false, validationError: { target: false } });
    if (errors.length > 0) {
      const [path, message] = firstFailure(errors, metadata.data ? [metadata.data] : []);
      throw badInput(path, message);
    }
    return instance;
  }
}
