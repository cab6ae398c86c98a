/** What a good is for: everyday goods, or an input to farming (seed, fertiliser, feed, tools). */
export enum GoodsKind {
  CONSUMER = 'CONSUMER',
  FARM_INPUT = 'FARM_INPUT',
}
