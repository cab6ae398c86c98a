import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, APP_CONFIG, AppConfig, badInput, conflict, inTransaction, isId, isPublishedPassword, isPublishedSecret, notFound, pgErrorCode, Role, unauthenticated } from '@app/platform';
import { MerchantService } from '@app/goods';
import { GeographyService } from '@app/registry';
import { StationService } from '@app/stations';
import { User } from './entities/user.entity';
import { ChangePasswordInput, CreateUserInput, MAX_PASSWORD, normalizeEmail, RegisterBuyerInput } from './graphql/auth.inputs';
import { LoginAttempts } from './login-attempts';
import { hashPassword, verifyPassword } from './passwords';
import { TokenService } from './token.service';

const LOGIN_FAILED = 'Email or password is wrong';
/** Serializes first-admin creation across processes started together. */
const FIRST_ADMIN_LOCK = 0x6d61726b; // 'mark'

/**
 * Accounts: buyers registering themselves, sign-in, changing one's password, admins creating,
 * disabling and re-enabling users and ending their sessions, the first admin at start.
 */
@Injectable()
export class AccountService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly attempts: LoginAttempts,
    private readonly geography: GeographyService,
    private readonly stations: StationService,
    private readonly merchants: MerchantService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Hashed once, so a sign-in with an unknown email costs what a wrong password does.
    this.dummyHash = hashPassword('not-a-password-of-anyone', this.config.passwordHashCost);
    await this.ensureFirstAdmin();
  }

  /** The user of this id, or null (no such user, or not an id). */
  user(id: string): Promise<User | null> {
    return isId(id) ? this.dataSource.getRepository(User).findOneBy({ id }) : Promise.resolve(null);
  }

  /**
   * A new BUYER account and a token for it; CONFLICT (input.email) when the email is taken,
   * RATE_LIMITED when the email or the client address has registered too often this minute.
   */
  async registerBuyer(input: RegisterBuyerInput, clientAddress: string): Promise<{ token: string; user: User }> {
    await this.attempts.check('register', input.email, clientAddress);
    const user = await this.insert({ email: input.email, password: input.password, displayName: input.displayName, role: Role.BUYER, stationId: null, countyId: null });
    return { token: this.tokens.sign(user.id, user.role, user.tokenVersion), user };
  }

  /**
   * A token for the account; UNAUTHENTICATED "Email or password is wrong" for any failure, in the same
   * time; RATE_LIMITED after too many failures for the email or from the client address this minute.
   * A disabled account is refused with the same message, even with the right password: whoever tries
   * a stolen password learns nothing (not even that it is right); the refusal is logged for admins.
   */
  async login(emailInput: string, password: string, clientAddress: string): Promise<{ token: string; user: User }> {
    const email = String(normalizeEmail(emailInput));
    await this.attempts.check('login', email, clientAddress);
    const user = email.length <= 254 ? await this.dataSource.getRepository(User).findOneBy({ email }) : null;
    const hash = user?.passwordHash ?? (await (this.dummyHash ??= hashPassword('not-a-password-of-anyone', this.config.passwordHashCost)));
    const ok = password.length <= MAX_PASSWORD && (await verifyPassword(hash, password));
    if (!user || !ok) throw unauthenticated(LOGIN_FAILED);
    if (user.disabledAt) {
      this.logger.warn(`sign-in to the disabled account ${user.id} refused`);
      throw unauthenticated(LOGIN_FAILED);
    }
    if (this.config.nodeEnv === 'production' && isPublishedPassword(password)) {
      // A demo database run in production: its logins are in the README, so they open nothing.
      this.logger.warn(`sign-in to account ${user.id} with a published (demo or example) password refused (demo data in production?)`);
      throw unauthenticated(LOGIN_FAILED);
    }
    await this.attempts.succeeded(email, clientAddress);
    return { token: this.tokens.sign(user.id, user.role, user.tokenVersion), user };
  }

  /**
   * Changes the signed-in user's password, given the current one (BAD_USER_INPUT
   * input.currentPassword when it is wrong; RATE_LIMITED like sign-in). Every token issued before stops
   * working at once; the one returned is the account's only valid token.
   */
  async changePassword(actor: Actor, input: ChangePasswordInput, clientAddress: string): Promise<{ token: string; user: User }> {
    await this.attempts.check('password', `user:${actor.userId}`, clientAddress);
    const repo = this.dataSource.getRepository(User);
    const user = await repo.findOneBy({ id: actor.userId });
    if (!user) throw unauthenticated('This account no longer exists');
    const ok = input.currentPassword.length <= MAX_PASSWORD && (await verifyPassword(user.passwordHash, input.currentPassword));
    if (!ok) throw badInput('input.currentPassword', 'The current password is wrong');
    if (input.newPassword === input.currentPassword) throw badInput('input.newPassword', 'The new password must differ from the current one');
    this.refusePublished(input.newPassword, 'input.newPassword');
    const passwordHash = await hashPassword(input.newPassword, this.config.passwordHashCost);
    // Only if the password is still the one just checked: of two concurrent changes, one wins.
    const rows: Array<{ token_version: number }> = (
      await this.dataSource.query(
        `UPDATE users SET password_hash = $2, token_version = token_version + 1 WHERE id = $1 AND password_hash = $3 RETURNING token_version`,
        [user.id, passwordHash, user.passwordHash],
      )
    )[0];
    if (rows.length === 0) throw badInput('input.currentPassword', 'The current password is wrong');
    await this.attempts.succeeded(`user:${actor.userId}`, clientAddress, 'password');
    const changed = { ...user, passwordHash, tokenVersion: rows[0].token_version };
    return { token: this.tokens.sign(user.id, user.role, changed.tokenVersion), user: changed };
  }

  /**
   * Disables an account (admins only): it cannot sign in and every token it holds stops working at
   * once. An admin cannot disable themself, so the network always keeps the admin who acts.
   */
  async disableUser(actor: Actor, id: string): Promise<User> {
    if (id === actor.userId) throw badInput('id', 'You cannot disable your own account');
    return this.update(id, `disabled_at = COALESCE(disabled_at, now()), token_version = token_version + 1`);
  }

  /** Lets a disabled account sign in again; tokens it held before it was disabled stay refused. */
  enableUser(id: string): Promise<User> {
    return this.update(id, `disabled_at = NULL`);
  }

  /** Ends every session of the account (admins only): its tokens stop working; it may sign in again. */
  endUserSessions(id: string): Promise<User> {
    return this.update(id, `token_version = token_version + 1`);
  }

  private async update(id: string, set: string): Promise<User> {
    const rows: Array<{ id: string }> = (await this.dataSource.query(`UPDATE users SET ${set} WHERE id = $1 RETURNING id`, [id]))[0];
    if (rows.length === 0) throw notFound('User', id, 'id');
    return this.dataSource.getRepository(User).findOneByOrFail({ id });
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
    const merchantId = input.merchantId ?? null;
    if (input.role === Role.MERCHANT && !merchantId) throw badInput('input.merchantId', 'A merchant user needs the merchant organisation they act for');
    if (input.role !== Role.MERCHANT && merchantId) throw badInput('input.merchantId', 'Only merchant users are bound to a merchant organisation');
    if (merchantId && !(await this.merchants.byId(merchantId))) throw notFound('Merchant', merchantId, 'input.merchantId');
    if (stationId && !(await this.stations.station(stationId))) throw notFound('Station', stationId, 'input.stationId');
    if (countyId && !(await this.geography.county(countyId))) throw notFound('County', countyId, 'input.countyId');
    return this.insert({ email: input.email, password: input.password, displayName: input.displayName, role: input.role, stationId, countyId, merchantId });
  }

  /** In production, a password anyone could know (the demo logins, examples, "change-me") is refused. */
  private refusePublished(password: string, field: string): void {
    if (this.config.nodeEnv === 'production' && isPublishedSecret(password)) {
      throw badInput(field, 'This password is published (a demo login or an example): choose one of your own');
    }
  }

  private async insert(fields: { email: string; password: string; displayName: string; role: Role; stationId: string | null; countyId: string | null; merchantId?: string | null }): Promise<User> {
    this.refusePublished(fields.password, 'input.password');
    const passwordHash = await hashPassword(fields.password, this.config.passwordHashCost);
    const repo = this.dataSource.getRepository(User);
    try {
      return await repo.save(
        repo.create({ email: fields.email, passwordHash, displayName: fields.displayName, role: fields.role, stationId: fields.stationId, countyId: fields.countyId, merchantId: fields.merchantId ?? null }),
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
