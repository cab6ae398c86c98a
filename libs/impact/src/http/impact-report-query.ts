import { civilDay } from '@app/kernel';
import { badInput, optionalId, queryText } from '@app/platform';
import { ImpactScope } from '../domain/impact-access';
import { instantOf } from '../domain/range-plan';
import { ImpactRange } from '../query/impact-query.service';
import { ImpactRequest } from '../query/impact-request.service';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The query parameters as a report filter; an empty parameter is an absent one. */
export function parseImpactQuery(query: Record<string, unknown>): ImpactRequest {
  const text = (name: string): string | null => queryText(query, name);
  const id = (name: string): string | null => optionalId(text(name), name);
  const instant = (name: string): Date | null => {
    const value = text(name);
    if (value === null) return null;
    const date = DATE_ONLY.test(value) ? instantOf(value) : DATE_TIME.test(value) ? new Date(value) : null;
    // Date parsing rolls 2025-02-30 over into March: a date must read back as written.
    const day = value.slice(0, 10);
    const valid = date !== null && !Number.isNaN(date.getTime()) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
    if (!valid) throw badInput(name, `${name} must be an ISO 8601 date-time or a YYYY-MM-DD date`);
    return date;
  };
  return { countyId: id('countyId'), stationId: id('stationId'), from: instant('from'), to: instant('to') };
}

/** impact-county-7-from-2025-01-01.csv: the scope and range in the name of the download. */
export function impactFileName(scope: ImpactScope, range: ImpactRange, extension: 'csv' | 'xlsx'): string {
  const parts = ['impact'];
  if (scope.countyId) parts.push(`county-${scope.countyId}`);
  if (scope.stationId) parts.push(`station-${scope.stationId}`);
  if (!scope.countyId && !scope.stationId) parts.push('all');
  if (range.from) parts.push(`from-${civilDay(range.from)}`);
  if (range.to) parts.push(`to-${civilDay(range.to)}`);
  return `${parts.join('-')}.${extension}`;
}
