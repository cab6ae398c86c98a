import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { FenScalar } from '@app/platform';
import { TwoWayFlowData, TwoWayFlowRowData } from '../domain/two-way';

@ObjectType('TwoWayFlowRow', { description: 'One month of one station, or of the whole report scope when stationId is null.' })
export class TwoWayFlowRowType implements TwoWayFlowRowData {
  @Field({ description: 'YYYY-MM (Asia/Shanghai).' }) month: string;
  @Field(() => ID, { nullable: true }) stationId: string | null;
  @Field(() => Int, { description: 'Upward: orders of produce (DELIVERED fulfilments) placed in the month.' }) upwardOrders: number;
  @Field(() => FenScalar, { description: 'Upward: gross produce sales of those orders.' }) upwardSalesFen: number;
  @Field(() => Int, { description: 'Downward: village orders collected by villagers in the month.' }) downwardOrders: number;
  @Field(() => FenScalar, { description: 'Downward: goods collected by villagers (their price).' }) downwardSalesFen: number;
  @Field(() => FenScalar, { description: 'Downward: of which farm inputs.' }) farmInputFen: number;
  @Field(() => FenScalar, { description: 'Farm inputs collected by households that were REGISTERED_POOR when they ordered.' }) registeredPoorFarmInputFen: number;
}

@ObjectType('TwoWayFlow', { description: "The county's two-way circulation: produce sold upward, goods bought downward through the stations." })
export class TwoWayFlowType implements TwoWayFlowData {
  @Field() from: string;
  @Field() to: string;
  @Field(() => [TwoWayFlowRowType], { description: 'Per month of the range (empty months included): the county, or the one station asked for.' }) months: TwoWayFlowRowType[];
  @Field(() => [TwoWayFlowRowType], { description: 'Per station and month with any flow, months ascending, then station id.' }) stations: TwoWayFlowRowType[];
}
