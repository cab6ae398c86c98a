import { createSecretKey, KeyObject } from 'node:crypto';
import { OperationDefinitionNode } from 'graphql';
import jwt from 'jsonwebtoken';

/**
 * Root fields whose answers are the same for an anonymous caller and for any buyer: the catalog (buyers
 * never see supply, and see only ACTIVE listings, like anonymous callers) and geography. A root field
 * missing here is simply never shared.
 */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'listings',
  'listing',
  'listingCategories',
  'counties',
  'county',
  'village',
  'station',
  'stations',
]);

/** The roles that see exactly what an anonymous caller sees on the public root fields. */
const ANONYMOUS_VIEW_ROLES: ReadonlySet<string> = new Set(['BUYER']);

interface CacheRequest {
  request: { http?: { headers: Map<string, string> } };
  operation?: OperationDefinitionNode | null;
}

/**
 * Whether a response may be read from and written to the public response cache: an anonymous caller's
 * always (what they may not read is an error, and errors are not cached), a signed-in buyer's when every
 * root field of a query is public. The buyer's token is checked (signature, expiry) but not the account:
 * a buyer disabled a moment ago may still get the public catalog, which anonymous callers get anyway.
 */
export function publicAudience(jwtSecret: string | undefined): (ctx: CacheRequest) => boolean {
  let key: KeyObject | undefined;
  return ({ request, operation }) => {
    const authorization = request.http?.headers.get('authorization');
    if (!authorization) return true;
    if (!jwtSecret || operation?.operation !== 'query') return false;
    const publicOnly = operation.selectionSet.selections.every((s) => s.kind === 'Field' && PUBLIC_ROOT_FIELDS.has(s.name.value));
    if (!publicOnly) return false;
    const token = /^Bearer (.+)$/.exec(authorization)?.[1];
    if (!token) return false;
    try {
      key ??= createSecretKey(Buffer.from(jwtSecret, 'utf8'));
      const claims = jwt.verify(token, key, { algorithms: ['HS256'] });
      return typeof claims === 'object' && ANONYMOUS_VIEW_ROLES.has(String(claims.role));
    } catch {
      return false; // the resolvers will answer UNAUTHENTICATED
    }
  };
}
