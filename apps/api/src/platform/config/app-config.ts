import { isAbsolute, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * Every environment variable Rumbo reads. Validated once at boot; a bad value stops the process with
 * a message naming each offending variable (README has the same table).
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_APP_URL must be a postgres:// connection string' })
  DATABASE_APP_URL?: string;

  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_APP_ROLE must be a lower-case SQL identifier' })
  DATABASE_APP_ROLE = 'rumbo_app';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12)
  DATABASE_APP_PASSWORD?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  DATABASE_CONNECT_TIMEOUT_MS = 2_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600)
  SHUTDOWN_DRAIN_SECONDS = 10;

  @IsString()
  RUMBO_DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_PG_PORT = 0;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT = 1_048_576;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BULK_BODY_LIMIT = 67_108_864;

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ADMIN_DIST_DIR?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(900)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_ATTEMPTS = 10;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Matches(/^[A-Za-z0-9:_.-]{0,64}$/, { message: 'REDIS_KEY_PREFIX must be at most 64 letters, digits or : _ . -' })
  REDIS_KEY_PREFIX = 'rumbo:';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'RUMBO_ADMIN_EMAIL must be an email address' })
  RUMBO_ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'RUMBO_ADMIN_PASSWORD must be at least 12 characters' })
  RUMBO_ADMIN_PASSWORD?: string;

  @Transform(toBool)
  @IsBoolean()
  RUMBO_DEMO_DATA = true;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: LogLevel;
  version: string;
  database: {
    /** Owner connection (runs migrations); unset = start the embedded PostgreSQL. */
    ownerUrl?: string;
    /** Runtime connection; unset = derived from ownerUrl with the app role. */
    appUrl?: string;
    appRole: string;
    appPassword?: string;
    poolSize: number;
    /** statement_timeout of the runtime connections; 0 leaves the server's or role's setting. */
    statementTimeoutMs: number;
    /** How long a request waits for a pooled connection (a new one or a free one) before a 503. */
    connectTimeoutMs: number;
    embeddedPort: number;
  };
  /** After SIGTERM/SIGINT, how long in-flight requests may take before their connections are cut. */
  shutdownDrainMs: number;
  dataDir: string;
  corsOrigins: string[];
  bodyLimit: number;
  bulkBodyLimit: number;
  trustProxy: boolean;
  adminDistDir: string;
  metricsToken?: string;
  auth: {
    /** Unset outside production: a random key kept in the database (tenancy/auth/secrets.ts). */
    jwtSecret?: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    loginMaxAttempts: number;
  };
  bootstrapAdmin: { email?: string; password?: string };
  demoData: boolean;
  /** Shared state of several instances (sign-in throttling); unset = each instance in memory. */
  redis?: { url: string; keyPrefix: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const API_VERSION: string = (require('../../../package.json') as { version: string }).version;

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const raw: Record<string, unknown> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'DATABASE_APP_URL',
    'DATABASE_APP_PASSWORD',
    'CORS_ORIGINS',
    'ADMIN_DIST_DIR',
    'METRICS_TOKEN',
    'JWT_SECRET',
    'RUMBO_ADMIN_EMAIL',
    'RUMBO_ADMIN_PASSWORD',
    'REDIS_URL',
  ]) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const vars = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  if (vars.NODE_ENV === 'production' && !vars.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: required when NODE_ENV=production (at least 32 random characters)']);
  }
  if (Boolean(vars.RUMBO_ADMIN_EMAIL) !== Boolean(vars.RUMBO_ADMIN_PASSWORD)) {
    throw new ConfigError(['RUMBO_ADMIN_EMAIL and RUMBO_ADMIN_PASSWORD: set both or neither']);
  }
  const cwd = process.cwd();
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  return {
    env: vars.NODE_ENV,
    host: vars.HOST,
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    version: API_VERSION,
    database: {
      ownerUrl: vars.DATABASE_URL,
      appUrl: vars.DATABASE_APP_URL,
      appRole: vars.DATABASE_APP_ROLE,
      appPassword: vars.DATABASE_APP_PASSWORD,
      poolSize: vars.DATABASE_POOL_SIZE,
      statementTimeoutMs: vars.DATABASE_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
      embeddedPort: vars.EMBEDDED_PG_PORT,
    },
    shutdownDrainMs: vars.SHUTDOWN_DRAIN_SECONDS * 1000,
    dataDir: abs(vars.RUMBO_DATA_DIR),
    corsOrigins: (vars.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimit: vars.BODY_LIMIT,
    bulkBodyLimit: vars.BULK_BODY_LIMIT,
    trustProxy: vars.TRUST_PROXY,
    adminDistDir: vars.ADMIN_DIST_DIR ? abs(vars.ADMIN_DIST_DIR) : resolve(__dirname, '../../../../admin/dist'),
    metricsToken: vars.METRICS_TOKEN,
    auth: {
      jwtSecret: vars.JWT_SECRET,
      accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: vars.REFRESH_TOKEN_TTL_DAYS,
      loginMaxAttempts: vars.LOGIN_MAX_ATTEMPTS,
    },
    bootstrapAdmin: { email: vars.RUMBO_ADMIN_EMAIL, password: vars.RUMBO_ADMIN_PASSWORD },
    demoData: vars.RUMBO_DEMO_DATA,
    redis: vars.REDIS_URL ? { url: vars.REDIS_URL, keyPrefix: vars.REDIS_KEY_PREFIX } : undefined,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
