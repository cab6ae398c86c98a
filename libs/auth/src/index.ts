import { User } from './entities/user.entity';

export { User };
export { AccountService } from './account.service';
export { AuthModule } from './auth.module';
export { hashPassword, verifyPassword } from './passwords';
export { signAccessToken, TokenService } from './token.service';
export { UserLoaders } from './user-loaders.service';
export { UserData } from './domain/user';
export { UserType } from './graphql/user.type';
export { toUserData } from './user-data';
export const AUTH_ENTITIES = [User];
