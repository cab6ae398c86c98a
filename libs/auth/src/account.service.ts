import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, badInput, conflict, inTransaction, notFound, pgErrorCode, Role, unauthenticated } from '@app/platform';
import { User } from './entities/user.entity';
import { CreateUserInput, MAX_PASSWORD, normalizeEmail, RegisterBuyerInput } from './graphql/auth.inputs';
import { LoginAttempts } from './login-attempts';
import { hashPassword, verifyPassword } from './passwords';
import { TokenService } from './token.service';

const LOGIN_FAILED = 'Email or password is wrong';
/** Serializes first-admin creation across processes started together. */
const FIRST_ADMIN_LOCK = 0x6d61726b; // 'mark'

/** Accounts: buyers registering themselves, sign-in, admins creating users, the first admin at start. */
@Injectable()
export class AccountService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly attempts: LoginAttempts,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Hashed once, so a sign-in with an unknown email costs what a wrong password does.
    this.dummyHash = hashPassword('not-a-password-of-anyone', this.config.passwordHashCost);
    await this.ensureFirstAdmin();
  }

  /**
   * A new BUYER account and a token for it; CONFLICT (input.email) when the email is taken,
   * RATE_LIMITED when the email or the client address has registered too often this minute.
   */
  async registerBuyer(input: RegisterBuyerInput, clientAddress: string): Promise<{ token: string; user: User }> {
    await this.attempts.check('register', input.email, clientAddress);
    const user = await this.insert({ email: input.email, password: input.password, displayName: input.displayName, role: Role.BUYER, stationId: null, countyId: null });
    return { token: this.tokens.sign(user.id, user.role), user };
  }

  /**
   * A token for the account; UNAUTHENTICATED "Email or password is wrong" for any failure, in the same
   * time; RATE_LIMITED after too many failures for the email or from the client address this minute.
   */
  async login(emailInput: string, password: string, clientAddress: string): Promise<{ token: string; user: User }> {
    const email = String(normalizeEmail(emailInput));
    await this.attempts.check('login', email, clientAddress);
    const user = email.length <= 254 ? await this.dataSource.getRepository(User).findOneBy({ email }) : null;
    const hash = user?.passwordHash ?? (await (this.dummyHash ??= hashPassword('not-a-password-of-anyone', this.config.passwordHashCost)));
    const ok = password.length <= MAX_PASSWORD && (await verifyPassword(hash, password));
    if (!user || !ok) throw unauthenticated(LOGIN_FAILED);
    await this.attempts.succeeded(email, clientAddress);
    return { token: this.tokens.sign(user.id, user.role), user };
  }

  /**
   * A user of any role (admins only). An operator is bound to an existing station, an official to an
   * existing county, and nobody else to either.
   */
  async createUser(input: CreateUserInput): Promise<User> {
    const stationId = input.stationId ?? null;
    const countyId = input.countyId ?? null;
    if (input.role === Role.STATION_OPERATOR && !stationId) throw badInput('input.stationId', 'A station operator needs the station they run');
    if (input.role !== Role.STATION_OPERATOR && stationId) throw badInput('input.stationId', 'Only station operators are bound to a station');
    if (input.role === Role.COUNTY_OFFICIAL && !countyId) throw badInput('input.countyId', 'A county official needs their county');
    if (input.role !== Role.COUNTY_OFFICIAL && countyId) throw badInput('input.countyId', 'Only county officials are bound to a county');
    if (stationId && (await this.dataSource.query('SELECT 1 FROM stations WHERE id = $1', [stationId])).length === 0) {
      throw notFound('Station', stationId, 'input.stationId');
    }
    if (countyId && (await this.dataSource.query('SELECT 1 FROM counties WHERE id = $1', [countyId])).length === 0) {
      throw notFound('County', countyId, 'input.countyId');
    }
    return this.insert({ email: input.email, password: input.password, displayName: input.displayName, role: input.role, stationId, countyId });
  }

  private async insert(fields: { email: string; password: string; displayName: string; role: Role; stationId: string | null; countyId: string | null }): Promise<User> {
    const passwordHash = await hashPassword(fields.password, this.config.passwordHashCost);
    const repo = this.dataSource.getRepository(User);
    try {
      return await repo.save(
        repo.create({ email: fields.email, passwordHash, displayName: fields.displayName, role: fields.role, stationId: fields.stationId, countyId: fields.countyId }),
      );
    } catch (error) {
      if (pgErrorCode(error) === '23505') throw conflict('An account with this email exists already', 'input.email');
      throw error;
    }
  }

  /**
   * Creates the admin of ADMIN_EMAIL/ADMIN_PASSWORD when no ADMIN exists. An advisory lock makes
   * concurrent starts (API replicas, the worker) create it once.
   */
  private async ensureFirstAdmin(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    const email = String(normalizeEmail(adminEmail));
    const passwordHash = await hashPassword(adminPassword, this.config.passwordHashCost);
    const outcome = await inTransaction(this.dataSource, async (tx) => {
      await tx.manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
      const admins = await tx.manager.query(`SELECT 1 FROM users WHERE role = 'ADMIN' LIMIT 1`);
      if (admins.length > 0) return 'exists';
      const inserted = await tx.manager.query(
        `INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, 'Administrator', 'ADMIN')
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [email, passwordHash],
      );
      return inserted.length > 0 ? 'created' : 'taken';
    });
    if (outcome === 'created') this.logger.log(`created the first admin ${email}`);
    if (outcome === 'taken') this.logger.error(`ADMIN_EMAIL ${email} belongs to an account that is not an admin: no admin was created`);
  }
}
