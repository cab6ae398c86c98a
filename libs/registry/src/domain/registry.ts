import { PovertyCategory, PovertyStatus } from './enums';

/** A county as the registry answers it. */
export interface CountyData {
  id: string;
  code: string;
  name: string;
  nationalPovertyCounty: boolean;
  /** Fen a person a year, set by the county's officials. */
  povertyLineFen: number;
}

export interface TownshipData {
  id: string;
  name: string;
  countyId: string;
}

export interface VillageData {
  id: string;
  code: string;
  name: string;
  /** Designated a poverty-stricken village and not yet exited. */
  povertyStricken: boolean;
  townshipId: string;
  countyId: string;
}

/**
 * A household as the registry answers it. The personal fields are under `private*` names: who may read
 * them is the caller's check (access/registry.policy.ts).
 */
export interface HouseholdData {
  id: string;
  members: number;
  povertyStatus: PovertyStatus;
  povertyCategory: PovertyCategory | null;
  villageId: string;
  countyId: string;
  privateRegistryNumber: string | null;
  privateHeadName: string;
  privatePayoutAccount: string;
}

/** The user who recorded a history entry: its id; its name is the auth domain's to give (it owns users). */
export interface HistoryRecorderData {
  id: string;
  displayName?: string;
}

/** One entry of a household's poverty-status history. */
export interface PovertyStatusEntryData {
  id: string;
  status: PovertyStatus;
  category: PovertyCategory | null;
  effectiveAt: Date;
  recordedAt: Date;
  /** Null for entries of the seed. */
  recordedBy: HistoryRecorderData | null;
}

/** One poverty exit (povertyStricken false) or re-entry (true) of a village. */
export interface VillagePovertyEntryData {
  id: string;
  povertyStricken: boolean;
  effectiveAt: Date;
  recordedAt: Date;
  recordedBy: HistoryRecorderData | null;
}

/** A CSV line the household import refused, and why (the header is line 1). */
export interface ImportRejectionData {
  line: number;
  reason: string;
}

export interface ImportReportData {
  created: number;
  updated: number;
  rejected: ImportRejectionData[];
}
