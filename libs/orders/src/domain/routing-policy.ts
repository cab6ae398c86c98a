// Which station a household's allocations go to (DESIGN.md, "Routing"). Ranking only: the caller walks
// the ranking and reserves a slot with an atomic conditional update, so a full station stays in the
// list rather than being judged full from a possibly stale count.

export interface StationCandidate {
  stationId: string;
  name: string;
  routedToday: number;
  dailyCapacity: number;
  active: boolean;
}

const DECIMAL_ID = /^[0-9]+$/;
const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function parseStationId(stationId: string): bigint {
  if (typeof stationId !== 'string' || !DECIMAL_ID.test(stationId)) {
    throw new RangeError(`stationId must be a decimal integer string, got ${JSON.stringify(stationId)}`);
  }
  return BigInt(stationId);
}

// JS `<` on strings compares UTF-16 code units, which puts astral characters (surrogate pairs) before
// U+E000..U+FFFF; shifting the first differing unit restores code point order without decoding.
function fixupCodeUnit(u: number): number {
  if (u >= 0xe000) return u - 0x800;
  if (u >= 0xd800) return u + 0x2000;
  return u;
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixupCodeUnit(x) - fixupCodeUnit(y);
  }
  return a.length - b.length;
}

/** Active candidates in the order routing tries them: the listing's own station, then fewest routed today, then name by code point, then id numerically; full stations are kept. */
export function rankStations(listingStationId: string, candidates: StationCandidate[]): StationCandidate[] {
  const keyed = candidates
    .filter((c) => c.active)
    .map((c) => {
      if (!Number.isSafeInteger(c.routedToday)) {
        throw new RangeError(`station ${c.stationId}: routedToday must be a safe integer, got ${String(c.routedToday)}`);
      }
      return { c, id: parseStationId(c.stationId) };
    });
  // Compared as numbers too, so "007" and "7" name the same (own) station.
  const own = parseStationId(listingStationId);
  keyed.sort((a, b) => {
    const aOwn = a.id === own;
    const bOwn = b.id === own;
    if (aOwn !== bOwn) return aOwn ? -1 : 1;
    return (
      a.c.routedToday - b.c.routedToday ||
      compareCodePoints(a.c.name, b.c.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  });
  return keyed.map((k) => k.c);
}

/** True while the station has routed fewer fulfilments today than its daily capacity. */
export function hasFreeSlot(c: StationCandidate): boolean {
  return c.routedToday < c.dailyCapacity;
}

// Howard Hinnant's civil_from_days: proleptic Gregorian date of a day count since 1970-01-01, exact
// for every day a Date can hold.
function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatYear(y: number): string {
  // Same convention as Date#toISOString: four digits inside 0000..9999, signed six digits outside.
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
}

/** The Asia/Shanghai (UTC+8, no DST) calendar day of an instant as 'YYYY-MM-DD'; RangeError on an invalid Date. */
export function shanghaiDay(instant: Date): string {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError('shanghaiDay needs a valid Date');
  const { y, m, d } = civilFromDays(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
  return `${formatYear(y)}-${pad2(m)}-${pad2(d)}`;
}
