import { UserData } from './domain/user';
import { User } from './entities/user.entity';

export function toUserData(user: User): UserData {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, disabledAt: user.disabledAt ?? null, stationId: user.stationId, countyId: user.countyId };
}
