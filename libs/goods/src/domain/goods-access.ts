import { Actor, Role } from '@app/kernel';

/** The parts of goods and merchants the access rules read. */
export interface GoodsRef {
  merchantId: string;
  active: boolean;
}

/**
 * Active goods are a public catalogue (operators of any station order them for villagers; anyone may
 * browse); inactive ones are seen only by their merchant's users and admins.
 */
export function canSeeGoods(actor: Actor | null, goods: GoodsRef): boolean {
  if (goods.active) return true;
  return canManageGoods(actor, goods.merchantId);
}

/** Changing goods: the merchant's own users, and admins. */
export function canManageGoods(actor: Actor | null, merchantId: string): boolean {
  if (!actor) return false;
  if (actor.role === Role.ADMIN) return true;
  return actor.role === Role.MERCHANT && actor.merchantId === merchantId;
}

/** A merchant's payout account (masked) and its details: admins, its own users, officials of its county. */
export function canSeeMerchantAccount(actor: Actor | null, merchant: { id: string; countyId: string }): boolean {
  if (!actor) return false;
  if (actor.role === Role.ADMIN) return true;
  if (actor.role === Role.MERCHANT) return actor.merchantId === merchant.id;
  return actor.role === Role.COUNTY_OFFICIAL && actor.countyId === merchant.countyId;
}
