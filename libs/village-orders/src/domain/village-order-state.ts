import { VillageOrderStatus as S } from '../entities/enums';

/** Who takes each step: the merchant ships, the operator receives and hands over, the schedule returns. */
const MOVES: Readonly<Record<S, readonly S[]>> = {
  [S.PLACED]: [S.SHIPPED, S.CANCELLED],
  [S.SHIPPED]: [S.AT_STATION],
  [S.AT_STATION]: [S.COLLECTED, S.RETURNED],
  [S.COLLECTED]: [],
  [S.RETURNED]: [],
  [S.CANCELLED]: [],
};

/** Whether a village order may move from one status to another. */
export function canMove(from: S, to: S): boolean {
  return MOVES[from].includes(to);
}

/** Statuses in which the stock is held by the order (not given back). */
export const holdsStock = (s: S): boolean => s !== S.RETURNED && s !== S.CANCELLED;

/** Statuses in which the deposit sits in escrow (taken, neither refunded nor paid out). */
export const depositInEscrow = (s: S): boolean => s === S.PLACED || s === S.SHIPPED || s === S.AT_STATION;
