import { reactive, ref, shallowRef, watch, type Ref } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { ActorType, AuditEvent, AuditVerification } from '@/api/types';
import { useCursorPages } from './use-cursor-pages';

export const AUDIT_PAGE = 25;

export interface AuditFilters {
  action: string;
  entityType: string;
  actorType: ActorType | '';
  /** YYYY-MM-DD (local day), inclusive. */
  from: string;
  /** YYYY-MM-DD (local day), inclusive. */
  to: string;
}

/** Local midnight of a YYYY-MM-DD day, plus `days`, as an ISO instant. */
export function dayStartIso(day: string, days = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + days).toISOString();
}

/** The audit trail of a tenant, filtered and paged, and the verification of its hash chain. */
export function useAuditEvents(tenantId: Ref<string>) {
  const client = useRumboClient();
  const filters = reactive<AuditFilters>({ action: '', entityType: '', actorType: '', from: '', to: '' });
  /** What the list currently shows (filters apply on submit, not on every keystroke). */
  const applied = ref<AuditFilters>({ ...filters });
  const verifying = ref(false);
  const verification = shallowRef<AuditVerification | null>(null);
  const verifyError = shallowRef<ApiError | null>(null);

  const pages = useCursorPages<AuditEvent>(async (cursor) => {
    const f = applied.value;
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/audit-events', {
        params: {
          path: { tenantId: tenantId.value },
          query: {
            limit: AUDIT_PAGE,
            cursor,
            action: f.action.trim() || undefined,
            entityType: f.entityType.trim() || undefined,
            actorType: f.actorType || undefined,
            from: dayStartIso(f.from),
            // "to" is inclusive in the form; the API's `to` is exclusive: the next day's midnight.
            to: dayStartIso(f.to, 1),
          },
        },
      }),
    );
    return data;
  });

  function apply(): Promise<void> {
    applied.value = { ...filters };
    return pages.reload();
  }

  function clear(): Promise<void> {
    Object.assign(filters, { action: '', entityType: '', actorType: '', from: '', to: '' });
    return apply();
  }

  async function verify(): Promise<void> {
    verifying.value = true;
    verifyError.value = null;
    verification.value = null;
    try {
      const { data } = await call(
        client.POST('/v1/tenants/{tenantId}/audit-events/verify', { params: { path: { tenantId: tenantId.value } } }),
      );
      verification.value = data;
    } catch (e) {
      verifyError.value = toApiError(e);
    } finally {
      verifying.value = false;
    }
  }

  watch(tenantId, () => {
    verification.value = null;
    void pages.reload();
  });

  return { ...pages, filters, applied, apply, clear, verifying, verification, verifyError, verify };
}

export interface DiffRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

const show = (value: unknown): string => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** Field-by-field comparison of an event's before and after states; changed fields first. */
export function diffOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const rows = fields.map((field) => {
    const b = before?.[field];
    const a = after?.[field];
    return { field, before: show(b), after: show(a), changed: JSON.stringify(b) !== JSON.stringify(a) };
  });
  return rows.sort((x, y) => Number(y.changed) - Number(x.changed) || x.field.localeCompare(y.field));
}
