// The instants a report range may take: the fixed-offset calendar arithmetic (periods.ts) and the
// date keys (range-plan.ts) are exact for four-digit years, which every real order lies in.
import { badInput } from '@app/kernel';

const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 11, 30);

/** `prefix.name`, or `name` alone without a prefix (the CSV export's query parameters). */
export const fieldName = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

/** The range [from, to) checked: BAD_USER_INPUT on `<prefix>.from` / `<prefix>.to` for an instant out of bounds or an end before the start. */
export function checkRange(from: Date | null, to: Date | null, prefix: string): { from: Date | null; to: Date | null } {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value === null) continue;
    const ms = value.getTime();
    if (Number.isNaN(ms) || ms < EARLIEST || ms > LATEST) throw badInput(fieldName(prefix, name), `${name} must lie between 1900 and 9999`);
  }
  if (from !== null && to !== null && to.getTime() < from.getTime()) throw badInput(fieldName(prefix, 'to'), 'to must not be before from');
  return { from, to };
}
