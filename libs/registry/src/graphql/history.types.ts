import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PovertyCategory, PovertyStatus } from '../domain/enums';
import { HistoryRecorderData, PovertyStatusEntryData, VillagePovertyEntryData } from '../domain/registry';

@ObjectType('HistoryRecorder', { description: 'The user who recorded a history entry.' })
export class HistoryRecorderType implements HistoryRecorderData {
  @Field(() => ID) id: string;
  /** Resolved by the auth domain, which owns users (HistoryRecorderFieldsResolver): the registry gives the id only. */
  @Field() displayName?: string;
}

@ObjectType('PovertyStatusEntry', { description: "One entry of a household's poverty-status history." })
export class PovertyStatusEntryType implements PovertyStatusEntryData {
  @Field(() => ID) id: string;
  @Field(() => PovertyStatus) status: PovertyStatus;
  @Field(() => PovertyCategory, { nullable: true }) category: PovertyCategory | null;
  @Field(() => Date, { description: 'From when the entry holds (it holds until the next entry by this date).' }) effectiveAt: Date;
  @Field(() => Date, { description: 'When it was recorded.' }) recordedAt: Date;
  @Field(() => HistoryRecorderType, { nullable: true, description: 'Null for entries of the seed.' }) recordedBy: HistoryRecorderType | null;
}

@ObjectType('VillagePovertyEntry', { description: "One poverty exit (povertyStricken false) or re-entry (true) of a village." })
export class VillagePovertyEntryType implements VillagePovertyEntryData {
  @Field(() => ID) id: string;
  @Field() povertyStricken: boolean;
  @Field(() => Date) effectiveAt: Date;
  @Field(() => Date) recordedAt: Date;
  @Field(() => HistoryRecorderType, { nullable: true, description: 'Null for entries of the seed.' }) recordedBy: HistoryRecorderType | null;
}
