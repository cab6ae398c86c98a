import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@app/platform';
import { ImportRejectionData, ImportReportData } from '../domain/registry';
import { HouseholdType } from './registry.types';

@ObjectType('HouseholdConnection')
export class HouseholdConnection extends ConnectionType(HouseholdType, 'Household') {}

@ObjectType('ImportRejection')
export class ImportRejection implements ImportRejectionData {
  /** The CSV line (the header is line 1). */
  @Field(() => Int) line: number;
  @Field() reason: string;
}

@ObjectType('ImportReport')
export class ImportReport implements ImportReportData {
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => [ImportRejection]) rejected: ImportRejection[];
}
