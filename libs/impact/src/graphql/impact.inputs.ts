import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { ID_PATTERN } from '@app/platform';


@InputType('ImpactFilter')
export class ImpactFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'countyId is not an id' })
  countyId?: string | null;

  @Field(() => ID, { nullable: true, description: "The listing's station." })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'stationId is not an id' })
  stationId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Orders placed at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Orders placed before this instant.' })
  to?: Date | null;
}
