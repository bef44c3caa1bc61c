import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { SignOutReason } from '@/api/auth-session';
import { useApiConnection } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Me } from '@/api/types';
import { effectiveRole, roleGrants, type AccessLevel, type TenantPosition } from '@/auth/access';

export type AuthStatus = 'unknown' | 'signedOut' | 'signedIn';

/**
 * Who is signed in (GET /v1/auth/me) and what they may do. Tokens live in the `AuthSession`; this
 * store follows it: when the session ends on its own (refresh refused), the user is signed out here
 * and the router sends them to the login page.
 */
export const useAuthStore = defineStore('auth', () => {
  const { client, session } = useApiConnection();

  const me = shallowRef<Me | null>(null);
  const status = ref<AuthStatus>('unknown');
  /** Set when the session ended without the user asking (shown on the login page). */
  const endedReason = ref<SignOutReason | null>(null);
  const loggingIn = ref(false);
  const loggingOut = ref(false);
  const loginError = shallowRef<ApiError | null>(null);

  const isSignedIn = computed(() => status.value === 'signedIn' && me.value !== null);

  session.onSignedOut((reason) => {
    me.value = null;
    status.value = 'signedOut';
    endedReason.value = reason === 'logout' ? null : reason;
  });

  async function loadMe(): Promise<void> {
    const { data } = await call(client.GET('/v1/auth/me'));
    me.value = data;
    status.value = 'signedIn';
  }

  let restoring: Promise<void> | null = null;

  /** Resumes this tab's sign-in after a reload (once per app start; later calls share it). */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      if (!session.hasSession) {
        status.value = 'signedOut';
        return;
      }
      try {
        await loadMe();
      } catch {
        // Refresh refused (handled by onSignedOut) or API unreachable: sign in again.
        status.value = 'signedOut';
      }
    })();
    return restoring;
  }

  /** Signs in; resolves true on success, false with `loginError` set otherwise. */
  async function login(email: string, password: string): Promise<boolean> {
    loggingIn.value = true;
    loginError.value = null;
    try {
      await session.login(email, password);
      await loadMe();
      endedReason.value = null;
      return true;
    } catch (error) {
      loginError.value = toApiError(error);
      return false;
    } finally {
      loggingIn.value = false;
    }
  }

  /** Starts a session from tokens the API issued elsewhere (accepting an invitation). */
  async function adoptTokens(tokens: Parameters<typeof session.adopt>[0]): Promise<void> {
    session.adopt(tokens);
    await loadMe();
    endedReason.value = null;
  }

  async function logout(): Promise<void> {
    loggingOut.value = true;
    try {
      await session.logout();
    } finally {
      me.value = null;
      status.value = 'signedOut';
      loggingOut.value = false;
    }
  }

  /** The role that applies on a tenant (ancestor memberships included). */
  function roleIn(tenant: TenantPosition | null) {
    return effectiveRole(me.value, tenant);
  }

  function can(tenant: TenantPosition | null, access: AccessLevel): boolean {
    return roleGrants(roleIn(tenant), access);
  }

  return {
    me,
    status,
    endedReason,
    loggingIn,
    loggingOut,
    loginError,
    isSignedIn,
    restore,
    login,
    adoptTokens,
    logout,
    roleIn,
    can,
  };
});
