import { GoodsKind } from './enums';

/** A merchant organisation as the goods domain answers it; the payout account only masked, if at all. */
export interface MerchantData {
  id: string;
  name: string;
  /** Masked (****1234), and null unless the caller may see it (goods-access.ts). */
  payoutAccountMasked: string | null;
  createdAt: Date;
  countyId: string;
}

/** Goods of a merchant, with the stock village orders can still take. */
export interface GoodsData {
  id: string;
  title: string;
  description: string;
  kind: GoodsKind;
  unit: string;
  priceFen: number;
  stock: number;
  active: boolean;
  createdAt: Date;
  merchantId: string;
}
