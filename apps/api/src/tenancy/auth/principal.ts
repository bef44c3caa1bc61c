import type { Actor } from '../../platform/context/request-context';
import type { ApiKeyScope } from '../api-keys/api-key.entity';

/** Who is calling, as established by the bearer credential. */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      email: string;
      platformAdmin: boolean;
      /**
       * The sign-in (refresh-token family) of the access token, checked live on every request. Every
       * principal made from a bearer token has one; only a principal built in-process (no token,
       * nothing to revoke) lacks it.
       */
      sessionId?: string;
    }
  | { kind: 'api_key'; keyId: string; tenantId: string; scopes: ApiKeyScope[]; prefix: string; name: string };

export function actorOf(principal: Principal): Actor {
  return principal.kind === 'user'
    ? { type: 'user', id: principal.userId, label: principal.email }
    : { type: 'api_key', id: principal.keyId, label: `${principal.prefix}… (${principal.name})` };
}
