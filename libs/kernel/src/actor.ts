// Who is calling, as every domain's access rule sees it. The request plumbing that sets it (the guard,
// the decorators) is the platform's (libs/platform/src/context/actor.ts); GraphQL registers Role in auth.

export enum Role {
  BUYER = 'BUYER',
  STATION_OPERATOR = 'STATION_OPERATOR',
  COUNTY_OFFICIAL = 'COUNTY_OFFICIAL',
  ADMIN = 'ADMIN',
  /** A wholesaler or park enterprise selling goods to villagers through the stations. */
  MERCHANT = 'MERCHANT',
  /** An officer of a lending institution; its institution and counties are the finance domain's. */
  LENDER = 'LENDER',
}

/** Who is calling: set on the request by the auth guard from a verified token, null when anonymous. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  /** Set for STATION_OPERATOR. */
  readonly stationId: string | null;
  /** Set for COUNTY_OFFICIAL. */
  readonly countyId: string | null;
  /** Set for MERCHANT: the merchant organisation the user acts for. */
  readonly merchantId?: string | null;
}
