import { ref, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Invitation, InvitationCreated, Member, Role } from '@/api/types';
import { useCursorPages } from './use-cursor-pages';
import { useRowAction } from './use-row-action';
import { SEARCH_DEBOUNCE_MS } from './use-tenant-search';

export const MEMBERS_PAGE = 20;

/**
 * Members of a tenant: search, page, change a role, remove (one change at a time, see useRowAction);
 * each change that worked is announced. `tenantName` names the tenant in the announcements.
 */
export function useMembers(tenantId: Ref<string>, tenantName: () => string = () => '') {
  const client = useRumboClient();
  const { t } = useI18n();
  const search = ref('');

  const pages = useCursorPages<Member>(async (cursor) => {
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/members', {
        params: { path: { tenantId: tenantId.value }, query: { limit: MEMBERS_PAGE, cursor, search: search.value.trim() || undefined } },
      }),
    );
    return data;
  });
  const action = useRowAction(() => pages.refresh());

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(search, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void pages.reload(), SEARCH_DEBOUNCE_MS);
  });
  watch(tenantId, () => void pages.reload());

  /** Changes a member's role; the page is refreshed either way. */
  function changeRole(member: Member, role: Role): Promise<boolean> {
    return action.run(
      member.id,
      () =>
        call(
          client.PATCH('/v1/tenants/{tenantId}/members/{membershipId}', {
            params: { path: { tenantId: tenantId.value, membershipId: member.id } },
            body: { role },
          }),
        ),
      () => t('members.roleChanged', { name: member.name, role: t(`roles.${role}`) }),
    );
  }

  function remove(member: Member): Promise<boolean> {
    return action.run(
      member.id,
      () =>
        call(
          client.DELETE('/v1/tenants/{tenantId}/members/{membershipId}', {
            params: { path: { tenantId: tenantId.value, membershipId: member.id } },
          }),
        ),
      () => t('members.removed', { name: member.name, tenant: tenantName() }),
    );
  }

  return { ...pages, search, busyId: action.busyId, actionError: action.error, changeRole, remove };
}

/** Invitations of a tenant: list (pending or all), invite (the token is shown once), revoke. */
export function useInvitations(tenantId: Ref<string>) {
  const client = useRumboClient();
  const { t } = useI18n();
  const status = ref<'pending' | 'all'>('pending');
  const inviting = ref(false);
  const inviteError = shallowRef<ApiError | null>(null);
  /** The invitation just created, with its one-time token; cleared when dismissed. */
  const created = shallowRef<InvitationCreated | null>(null);

  const pages = useCursorPages<Invitation>(async (cursor) => {
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/invitations', {
        params: { path: { tenantId: tenantId.value }, query: { limit: MEMBERS_PAGE, cursor, status: status.value } },
      }),
    );
    return data;
  });
  const action = useRowAction(() => pages.refresh());
  watch([status, tenantId], () => void pages.reload());

  async function invite(email: string, role: Role): Promise<boolean> {
    inviting.value = true;
    inviteError.value = null;
    try {
      const { data } = await call(
        client.POST('/v1/tenants/{tenantId}/invitations', { params: { path: { tenantId: tenantId.value } }, body: { email, role } }),
      );
      created.value = data;
      await pages.reload();
      return true;
    } catch (e) {
      inviteError.value = toApiError(e);
      return false;
    } finally {
      inviting.value = false;
    }
  }

  function revoke(invitation: Invitation): Promise<boolean> {
    return action.run(
      invitation.id,
      () =>
        call(
          client.DELETE('/v1/tenants/{tenantId}/invitations/{invitationId}', {
            params: { path: { tenantId: tenantId.value, invitationId: invitation.id } },
          }),
        ),
      () => t('members.invitations.revoked', { email: invitation.email }),
    );
  }

  return {
    ...pages,
    status,
    inviting,
    inviteError,
    created,
    busyId: action.busyId,
    actionError: action.error,
    invite,
    revoke,
    dismiss: () => (created.value = null),
  };
}

/** The link an invitee opens: the SPA's origin plus the path the API returned. */
export function acceptLinkOf(invitation: Pick<InvitationCreated, 'acceptPath'>, origin: string = window.location.origin): string {
  return new URL(invitation.acceptPath, origin).toString();
}

/** What an invitation's state is, for its tag. */
export function invitationState(invitation: Invitation, now: number = Date.now()): 'accepted' | 'revoked' | 'expired' | 'pending' {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (Date.parse(invitation.expiresAt) <= now) return 'expired';
  return 'pending';
}
