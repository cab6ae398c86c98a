import { RoutinesFromOwners1796317700000 } from './1796317700000-RoutinesFromOwners';
import { SettlementRuns1796305500000 } from './1796305500000-SettlementRuns';
import { PayoutLinks1796306000000 } from './1796306000000-PayoutLinks';
import { Training1796297553327 } from './1796297553327-Training';
import { AllocationPayoutIndex1796294900000 } from './1796294900000-AllocationPayoutIndex';
import { PaymentsOutbox1796295113244 } from './1796295113244-PaymentsOutbox';
import { LenderLists1796297012509 } from './1796297012509-LenderLists';
import { OrdersDecisionGuard1796294200000 } from './1796294200000-OrdersDecisionGuard';
import { PayoutAccountAtSettlement1796294111467 } from './1796294111467-PayoutAccountAtSettlement';
import { VillageOrders1796294801228 } from './1796294801228-VillageOrders';
import { PovertyLine1796294233660 } from './1796294233660-PovertyLine';
import { AccountLockout1796292919137 } from './1796292919137-AccountLockout';
import { CatalogListingPhotos1796292955932 } from './1796292955932-CatalogListingPhotos';
import { GoodsAndMerchants1796293132491 } from './1796293132491-GoodsAndMerchants';
import { Finance1796293502906 } from './1796293502906-Finance';
import { RegistryVillageHistory1796293087647 } from './1796293087647-RegistryVillageHistory';
import { LedgerLineEntryCheck1795938906988 } from './1795938906988-LedgerLineEntryCheck';
import { LedgerCheckPlan1795937314063 } from './1795937314063-LedgerCheckPlan';
import { HouseholdIncomeDays1795934717104 } from './1795934717104-HouseholdIncomeDays';
import { RegistryCountyIdIndex1795934632308 } from './1795934632308-RegistryCountyIdIndex';
import { CatalogBrowseIndexes1795934261714 } from './1795934261714-CatalogBrowseIndexes';
import { OrdersPlanGuard1795933867426 } from './1795933867426-OrdersPlanGuard';
import { ImpactRollups1795932923332 } from './1795932923332-ImpactRollups';
import { OrdersChecks1795932604451 } from './1795932604451-OrdersChecks';
import { PayoutRetries1795932325380 } from './1795932325380-PayoutRetries';
import { LedgerIntegrity1795932325000 } from './1795932325000-LedgerIntegrity';
import { CatalogStockTriggers1795932291200 } from './1795932291200-CatalogStockTriggers';
import { CatalogIndexes1795932269998 } from './1795932269998-CatalogIndexes';
import { Initial1795931926447 } from './1795931926447-Initial';
import { CatalogStockOnRead1795940000000 } from './1795940000000-CatalogStockOnRead';
import { PartitionAllocations1796310000000 } from './1796310000000-PartitionAllocations';
import { PartitionVillageOrders1796310100000 } from './1796310100000-PartitionVillageOrders';
import { VillageOrderPlacementGuard1796304970634 } from './1796304970634-VillageOrderPlacementGuard';
import { IncomeRollups1796305540853 } from './1796305540853-IncomeRollups';
import { TraineeStatus1796307875569 } from './1796307875569-TraineeStatus';
import { GoodsFillfactor1796310200000 } from './1796310200000-GoodsFillfactor';
import { HouseholdDaysCumulative1796319000000 } from './1796319000000-HouseholdDaysCumulative';
// The one ordered stream of migrations. `npm run migration:generate -- Name` writes the next file and
// appends its class here; hand-written ones (triggers, functions, partial indexes) are appended the same way.
export const MIGRATIONS = [
  Initial1795931926447,
  CatalogIndexes1795932269998,
  CatalogStockTriggers1795932291200,
  LedgerIntegrity1795932325000,
  PayoutRetries1795932325380,
  OrdersChecks1795932604451,
  ImpactRollups1795932923332,
  OrdersPlanGuard1795933867426,
  CatalogBrowseIndexes1795934261714,
  RegistryCountyIdIndex1795934632308,
  HouseholdIncomeDays1795934717104,
  LedgerCheckPlan1795937314063,
  LedgerLineEntryCheck1795938906988,
  CatalogStockOnRead1795940000000,
  AccountLockout1796292919137,
  CatalogListingPhotos1796292955932,
  GoodsAndMerchants1796293132491,
  Finance1796293502906,
  PayoutAccountAtSettlement1796294111467,
  OrdersDecisionGuard1796294200000,
  VillageOrders1796294801228,
  AllocationPayoutIndex1796294900000,
  PaymentsOutbox1796295113244,
  RegistryVillageHistory1796293087647,
  PovertyLine1796294233660,
  LenderLists1796297012509,
  Training1796297553327,
  VillageOrderPlacementGuard1796304970634,
  SettlementRuns1796305500000,
  IncomeRollups1796305540853,
  PayoutLinks1796306000000,
  TraineeStatus1796307875569,
  PartitionAllocations1796310000000,
  PartitionVillageOrders1796310100000,
  GoodsFillfactor1796310200000,
  RoutinesFromOwners1796317700000,
  HouseholdDaysCumulative1796319000000,
];
