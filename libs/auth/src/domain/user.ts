import { Role } from '@app/kernel';

/** A user as the auth domain answers it: never the password hash. */
export interface UserData {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabledAt: Date | null;
  /** The station an operator works for, the county an official serves. */
  stationId: string | null;
  countyId: string | null;
}
