import { ImpactFact } from './entities/impact-fact.entity';
import { ImpactHouseholdDay } from './entities/impact-household-day.entity';
import { ImpactHouseholdTotal, TrainingTrainee } from './entities/income-rollups.entity';
import { TrainingAttendance, TrainingProgramme, TrainingSession } from './training/training.entities';
import { ImpactScopeBits } from './entities/impact-scope-bits.entity';
import { ImpactScopeSums } from './entities/impact-scope-sums.entity';
import { ImpactVillageBits } from './entities/impact-village-bits.entity';
import { ImpactVillageSums } from './entities/impact-village-sums.entity';

export { ImpactFact, ImpactScopeBits, ImpactScopeSums, ImpactVillageBits, ImpactVillageSums };
export { ImpactModule } from './impact.module';
/** Recomputes the impact tables from the allocations (`rebuild()`), e.g. after loading orders in bulk. */
export { ImpactRebuildService } from './rollup/impact-rebuild.service';
export const IMPACT_ENTITIES = [ImpactFact, ImpactScopeSums, ImpactScopeBits, ImpactVillageSums, ImpactVillageBits, ImpactHouseholdDay, ImpactHouseholdTotal, TrainingProgramme, TrainingSession, TrainingAttendance, TrainingTrainee];
export { recountTraineesSql } from './rollup/income-rollup-sql';
