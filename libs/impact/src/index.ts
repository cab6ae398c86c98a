export { ImpactModule } from './impact.module';
export const IMPACT_ENTITIES: Function[] = [];
