import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsNumber, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FenScalar, ID_PATTERN } from '@app/platform';
import { FundKind } from '../entities/enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** 10 million yuan: far beyond any credit line, well within a safe integer. */
const MAX_FEN = 1_000_000_000;
const fen = (name: string, min = 0) => [IsInt({ message: `${name} must be a whole number of fen` }), Min(min, { message: `${name} must be at least ${min}` }), Max(MAX_FEN, { message: `${name} must be at most ${MAX_FEN}` })];
const bps = (name: string) => [IsInt(), Min(0, { message: `${name} must be between 0 and 10000` }), Max(10000, { message: `${name} must be between 0 and 10000` })];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

@InputType('CreateLendingInstitutionInput')
export class CreateLendingInstitutionInput {
  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100)
  name: string;

  @Field(() => [ID]) @IsArray() @ArrayMinSize(1, { message: 'countyIds must name at least one county' }) @ArrayMaxSize(200)
  @Matches(ID_PATTERN, { each: true, message: 'countyIds must hold ids of existing counties' })
  countyIds: string[];
}

@InputType('SetCreditPolicyInput')
export class SetCreditPolicyInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: 'countyId must be the id of an existing county' }) countyId: string;
  @Field(() => FenScalar) @apply(fen('lineAaaFen')) lineAaaFen: number;
  @Field(() => FenScalar) @apply(fen('lineAaFen')) lineAaFen: number;
  @Field(() => FenScalar) @apply(fen('lineAFen')) lineAFen: number;
  @Field(() => FenScalar) @apply(fen('lineBFen')) lineBFen: number;
  @Field(() => FenScalar) @apply(fen('lineCFen')) lineCFen: number;
  @Field(() => Int) @apply(bps('annualRateBps')) annualRateBps: number;
  @Field(() => Int) @apply(bps('subsidyShareBps')) subsidyShareBps: number;
  @Field(() => Int) @apply(bps('fundCoverageBps')) fundCoverageBps: number;
}

@InputType('TopUpCountyFundInput')
export class TopUpCountyFundInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: 'countyId must be the id of an existing county' }) countyId: string;
  @Field(() => FundKind) @IsEnum(FundKind) fund: FundKind;
  @Field(() => FenScalar) @apply(fen('amountFen', 1)) amountFen: number;
}

@InputType('RecordCreditAssessmentInput')
export class RecordCreditAssessmentInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: 'householdId must be the id of an existing household' }) householdId: string;
  @Field(() => Int, { description: 'Working-age labourers.' }) @IsInt() @Min(0, { message: 'labourers must be between 0 and 50' }) @Max(50, { message: 'labourers must be between 0 and 50' })
  labourers: number;
  @Field(() => Float, { description: 'Contracted land in mu (up to two decimals).' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'landMu must be a number of mu with at most two decimals' })
  @Min(0, { message: 'landMu must be between 0 and 100000' }) @Max(100000, { message: 'landMu must be between 0 and 100000' })
  landMu: number;
  @Field(() => FenScalar) @apply(fen('otherDebtsFen')) otherDebtsFen: number;
}

@InputType('ApplyForLoanInput')
export class ApplyForLoanInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: 'householdId must be the id of an existing household' }) householdId: string;
  @Field(() => FenScalar) @apply(fen('amountFen', 1)) amountFen: number;
  @Field(() => Int) @IsInt() @Min(1, { message: 'termMonths must be between 1 and 36' }) @Max(36, { message: 'termMonths must be between 1 and 36' }) termMonths: number;
  @Field() @Transform(trim) @IsString() @MinLength(1, { message: 'purpose must not be empty' }) @MaxLength(200) purpose: string;
}

@InputType('RecordCashRepaymentInput')
export class RecordCashRepaymentInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: 'loanId must be the id of an existing loan' }) loanId: string;
  @Field(() => FenScalar) @apply(fen('amountFen', 1)) amountFen: number;
}
