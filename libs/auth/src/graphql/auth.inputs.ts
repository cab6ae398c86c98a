import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ID_PATTERN, Role } from '@app/platform';
import { UserType } from './user.type';

/** Emails are compared lower-cased and trimmed, so one address is one account. */
export const normalizeEmail = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const MIN_PASSWORD = 8;
/** argon2 hashes any length, but a megabyte password is an attack on the CPU, not a password. */
export const MAX_PASSWORD = 128;

@InputType({ isAbstract: true })
abstract class AccountFields {
  @Field() @Transform(({ value }) => normalizeEmail(value)) @IsString() @MaxLength(254) @IsEmail({}, { message: 'email is not a valid email address' })
  email: string;

  @Field() @IsString() @MinLength(MIN_PASSWORD, { message: `password must be at least ${MIN_PASSWORD} characters` })
  @MaxLength(MAX_PASSWORD, { message: `password must be at most ${MAX_PASSWORD} characters` })
  password: string;

  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'displayName must not be empty' }) @MaxLength(100)
  displayName: string;
}

@InputType('RegisterBuyerInput')
export class RegisterBuyerInput extends AccountFields {}

@InputType('CreateUserInput')
export class CreateUserInput extends AccountFields {
  @Field(() => Role) @IsEnum(Role)
  role: Role;

  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, { message: 'stationId must be the id of an existing station' })
  stationId?: string | null;

  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, { message: 'countyId must be the id of an existing county' })
  countyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The merchant organisation of a MERCHANT (and of nobody else).' })
  @IsOptional() @Matches(ID_PATTERN, { message: 'merchantId must be the id of an existing merchant' })
  merchantId?: string | null;
}

@InputType('ChangePasswordInput')
export class ChangePasswordInput {
  /** Checked against the stored hash; its length is bounded like a sign-in's. */
  @Field() @IsString()
  currentPassword: string;

  @Field() @IsString() @MinLength(MIN_PASSWORD, { message: `newPassword must be at least ${MIN_PASSWORD} characters` })
  @MaxLength(MAX_PASSWORD, { message: `newPassword must be at most ${MAX_PASSWORD} characters` })
  newPassword: string;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field() token: string;
  @Field(() => UserType) user: UserType;
}
