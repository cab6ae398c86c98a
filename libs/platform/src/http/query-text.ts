import { badInput } from '@app/kernel';

/** A query parameter as text: absent or empty is null, given twice is BAD_USER_INPUT naming it. */
export function queryText(query: Record<string, unknown>, name: string): string | null {
  const value = query[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw badInput(name, `${name} must be given once`);
  return value.trim();
}
