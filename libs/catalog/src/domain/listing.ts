import { AllocationPolicy, ListingStatus } from './enums';

/** A listing as the catalog answers it: its terms, the stock still orderable and where it comes from. */
export interface ListingData {
  id: string;
  title: string;
  description: string;
  category: string;
  unit: string;
  priceFen: number;
  status: ListingStatus;
  allocationPolicy: AllocationPolicy;
  /** The sum of the lots' remaining quantities. */
  available: number;
  /** A lot with stock left belongs to a REGISTERED_POOR household, or the origin village is poverty-stricken. */
  povertyAlleviation: boolean;
  createdAt: Date;
  stationId: string;
  originVillageId: string;
  countyId: string;
}

/** A household's units behind a listing. */
export interface SupplyLotData {
  id: string;
  quantity: number;
  remaining: number;
  listingId: string;
  householdId: string;
  createdAt: Date;
}

/** One width of a listing photo. */
export interface PhotoVariantData {
  url: string;
  width: number;
  height: number;
}

/** A photo of a listing: the middle size as the main one, and every size. */
export interface ListingPhotoData {
  id: string;
  listingId: string;
  url: string;
  width: number;
  height: number;
  /** Every size as an <img srcset>. */
  srcset: string;
  /** Smallest first. */
  variants: PhotoVariantData[];
}
