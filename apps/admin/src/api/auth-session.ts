import { createRumboClient, type Schema } from '@rumbo/api-client';
import { apiErrorFrom, ApiError } from './problem';

export type TokenResponse = Schema<'TokenResponseDto'>;

/** Why a session ended without the user asking: refresh token expired, revoked or reused. */
export type SignOutReason = 'expired' | 'logout';

/** sessionStorage key of the refresh token (see `AuthSession` for why sessionStorage). */
export const REFRESH_TOKEN_KEY = 'rumbo.refreshToken';

/**
 * Refresh this long before the access token expires (and treat it as expired this early): a
 * minute, or a fifth of the lifetime for short-lived tokens (ACCESS_TOKEN_TTL_SECONDS can be 60).
 */
export const REFRESH_MARGIN_MS = 60_000;

export const refreshMargin = (lifetimeMs: number) => Math.min(REFRESH_MARGIN_MS, lifetimeMs / 5);

export interface AuthSessionOptions {
  baseUrl: string;
  /** The network; injected by tests. Auth calls and API calls both go through it. */
  fetch?: typeof globalThis.fetch;
  /** Where the refresh token lives; `sessionStorage` by default. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  now?: () => number;
  /** Proactive refresh timer; off in tests that drive time themselves. */
  scheduleRefresh?: boolean;
}

/** An HTTP attempt made with a given access token (undefined = anonymous); retried once after a 401. */
type Attempt<T extends { status: number }> = (accessToken: string | undefined) => Promise<T>;

/**
 * The browser's sign-in: a short-lived access token in memory and a single-use, rotating refresh
 * token in **sessionStorage**.
 *
 * Why sessionStorage: refresh tokens rotate and reusing a spent one revokes the whole family. With
 * localStorage every tab would share one token, and two tabs refreshing at the same moment would
 * trip reuse detection and sign the user out everywhere. Per-tab storage gives each tab its own
 * sign-in (a new tab signs in again), survives reloads, and is gone when the tab closes, which also
 * limits how long a stolen token is useful. The access token is never stored.
 *
 * Refreshes happen shortly before expiry (timer), before a request when the token is about to
 * expire, and after a 401 (once per request). Only one refresh is ever in flight: concurrent
 * requests that hit a 401 wait for the same one, then retry with the new token. A refresh answered
 * with 401 (expired, revoked or reused) ends the session and notifies the listeners.
 */
export class AuthSession {
  private readonly rawFetch: typeof globalThis.fetch;
  private readonly storage: AuthSessionOptions['storage'];
  private readonly now: () => number;
  private readonly scheduleRefresh: boolean;
  /** Used only for the credential endpoints, which must not go through the retrying fetch. */
  private readonly authClient;

  private accessToken: string | undefined;
  private expiresAt = 0;
  private margin = REFRESH_MARGIN_MS;
  /** Mirrors the stored token, so a tab without storage still refreshes until it reloads. */
  private refreshToken: string | null;
  private inFlight: Promise<string | undefined> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(reason: SignOutReason) => void>();

  constructor(options: AuthSessionOptions) {
    // Resolved at call time, so a test (or an extension) replacing globalThis.fetch is honoured.
    this.rawFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = options.storage === undefined ? safeSessionStorage() : options.storage;
    this.now = options.now ?? (() => Date.now());
    this.scheduleRefresh = options.scheduleRefresh ?? true;
    this.authClient = createRumboClient({ baseUrl: options.baseUrl, fetch: this.rawFetch });
    this.refreshToken = this.readStoredRefreshToken();
  }

  /** True while this tab holds a refresh token (the access token may need renewing first). */
  get hasSession(): boolean {
    return this.readRefreshToken() !== null;
  }

  /** Subscribes to the end of the session; returns the unsubscribe function. */
  onSignedOut(listener: (reason: SignOutReason) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** POST /v1/auth/login. Throws `ApiError` (401 wrong credentials, 429 with Retry-After…). */
  async login(email: string, password: string): Promise<void> {
    let result;
    try {
      result = await this.authClient.POST('/v1/auth/login', { body: { email, password } });
    } catch {
      throw new ApiError(0);
    }
    if (!result.data) throw apiErrorFrom(result.response.status, result.error, result.response.headers);
    this.adopt(result.data);
  }

  /** Starts a session from tokens obtained elsewhere (e.g. accepting an invitation). */
  adopt(tokens: TokenResponse): void {
    this.accessToken = tokens.accessToken;
    this.expiresAt = this.now() + tokens.expiresIn * 1000;
    this.margin = refreshMargin(tokens.expiresIn * 1000);
    this.writeRefreshToken(tokens.refreshToken);
    this.armTimer(tokens.expiresIn * 1000);
  }

  /** POST /v1/auth/logout (best effort: the local session ends whatever the answer). */
  async logout(): Promise<void> {
    const refreshToken = this.readRefreshToken();
    this.clear();
    this.emit('logout');
    if (!refreshToken) return;
    try {
      await this.authClient.POST('/v1/auth/logout', { body: { refreshToken } });
    } catch {
      /* offline: the refresh token expires on its own */
    }
  }

  /**
   * A usable access token: the current one, or a refreshed one when it is missing or expires
   * within the margin. Undefined when there is no session.
   */
  async validAccessToken(): Promise<string | undefined> {
    if (this.accessToken && this.now() < this.expiresAt - this.margin) return this.accessToken;
    if (!this.readRefreshToken()) return this.accessToken;
    return this.refresh();
  }

  /**
   * Exchanges the refresh token for new tokens. Concurrent callers share one request (the token is
   * single-use: two parallel refreshes would be a reuse and revoke the family).
   */
  refresh(): Promise<string | undefined> {
    this.inFlight ??= this.doRefresh().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Runs an HTTP attempt with the access token; after a 401, refreshes once and retries. */
  async send<T extends { status: number }>(attempt: Attempt<T>): Promise<T> {
    const token = await this.validAccessToken().catch(() => this.accessToken);
    const first = await attempt(token);
    if (first.status !== 401 || !this.readRefreshToken()) return first;
    // Another request may already have refreshed since this one left: use its token.
    const fresh = this.accessToken && this.accessToken !== token ? this.accessToken : await this.refresh().catch(() => undefined);
    if (!fresh || fresh === token) return first;
    return attempt(fresh);
  }

  /** A `fetch` for the typed client: adds the bearer token and retries once after a 401. */
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    return this.send((token) => {
      // A request body can be read only once: every attempt sends its own copy.
      const attempt = request.clone();
      if (token) attempt.headers.set('Authorization', `Bearer ${token}`);
      return this.rawFetch(attempt);
    });
  };

  /** Ends the session locally without telling the API (used when the API already ended it). */
  clear(): void {
    this.accessToken = undefined;
    this.expiresAt = 0;
    this.refreshToken = null;
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      this.storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      /* storage unavailable */
    }
  }

  private async doRefresh(): Promise<string | undefined> {
    const refreshToken = this.readRefreshToken();
    if (!refreshToken) return undefined;
    let result;
    try {
      result = await this.authClient.POST('/v1/auth/refresh', { body: { refreshToken } });
    } catch {
      // Offline: keep the session, the next request tries again.
      throw new ApiError(0);
    }
    if (result.data) {
      this.adopt(result.data);
      return result.data.accessToken;
    }
    const { status, headers } = result.response;
    if (status === 401 || status === 400) {
      // Expired, revoked, or reused (the API has revoked the whole family): sign in again.
      this.clear();
      this.emit('expired');
      return undefined;
    }
    throw apiErrorFrom(status, result.error, headers);
  }

  private armTimer(lifetimeMs: number): void {
    clearTimeout(this.timer);
    if (!this.scheduleRefresh) return;
    const delay = Math.max(5_000, lifetimeMs - refreshMargin(lifetimeMs));
    this.timer = setTimeout(() => {
      void this.refresh().catch(() => undefined);
    }, delay);
  }

  private emit(reason: SignOutReason): void {
    for (const listener of this.listeners) listener(reason);
  }

  private readRefreshToken(): string | null {
    return this.refreshToken;
  }

  private readStoredRefreshToken(): string | null {
    try {
      return this.storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private writeRefreshToken(token: string): void {
    this.refreshToken = token;
    try {
      this.storage?.setItem(REFRESH_TOKEN_KEY, token);
    } catch {
      /* storage unavailable: the session lasts until the page is reloaded */
    }
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
