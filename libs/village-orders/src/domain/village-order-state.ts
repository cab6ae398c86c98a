import { VillageOrderStatus as S } from './enums';

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
