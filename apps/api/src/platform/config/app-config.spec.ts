import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
      corsOrigins: [],
      bodyLimit: 1_048_576,
      trustProxy: false,
      database: {
        ownerUrl: undefined,
        appUrl: undefined,
        appRole: 'rumbo_app',
        poolSize: 10,
        statementTimeoutMs: 30_000,
        connectTimeoutMs: 2_000,
      },
      shutdownDrainMs: 10_000,
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('parses numbers, booleans and lists', () => {
    const config = loadConfig({
      PORT: '8080',
      TRUST_PROXY: 'yes',
      CORS_ORIGINS: 'https://a.org, https://b.org',
      DATABASE_URL: 'postgres://u@h/db',
    });
    expect(config.port).toBe(8080);
    expect(config.trustProxy).toBe(true);
    expect(config.corsOrigins).toEqual(['https://a.org', 'https://b.org']);
    expect(config.database.ownerUrl).toBe('postgres://u@h/db');
  });

  it('reads the optional variables that have no default (JWT secret, first platform administrator)', () => {
    const config = loadConfig({
      JWT_SECRET: 'a'.repeat(32),
      RUMBO_ADMIN_EMAIL: 'ops@example.org',
      RUMBO_ADMIN_PASSWORD: 'long enough password',
    });
    expect(config.auth.jwtSecret).toBe('a'.repeat(32));
    expect(config.bootstrapAdmin).toEqual({ email: 'ops@example.org', password: 'long enough password' });
  });

  it('reads the drain time and the database time limits, and refuses values out of range', () => {
    const config = loadConfig({ SHUTDOWN_DRAIN_SECONDS: '0', DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_CONNECT_TIMEOUT_MS: '500' });
    expect(config.shutdownDrainMs).toBe(0);
    expect(config.database).toMatchObject({ statementTimeoutMs: 0, connectTimeoutMs: 500 });
    expect(() => loadConfig({ SHUTDOWN_DRAIN_SECONDS: '-1' })).toThrow(/SHUTDOWN_DRAIN_SECONDS/);
    expect(() => loadConfig({ SHUTDOWN_DRAIN_SECONDS: '1.5' })).toThrow(/SHUTDOWN_DRAIN_SECONDS/);
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '10' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', CORS_ORIGINS: '' }).database.ownerUrl).toBeUndefined();
  });

  it('reports every bad variable at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', DATABASE_POOL_SIZE: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'DATABASE_POOL_SIZE']) expect(problems).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(4);
  });
});
