import {
  burdenCost,
  frictionCost,
  validateBurden,
  type Audience,
  type BurdenCost,
  type BurdenInput,
  type DefaultTariffs,
  type FrictionCost,
} from '@rumbo/method';
import { computed, ref, shallowRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Friction, FrictionCreate } from '@/api/types';
import { useAnnouncer } from '@/stores/announcer';

/** One burden line as the form edits it: empty number fields are `null`. */
export interface BurdenDraft {
  audience: Audience;
  population: number | null;
  frequencyPerYear: number | null;
  minutesPerOccurrence: number | null;
  tariffPerHour: number | null;
  outOfPocketPerOccurrence: number | null;
}

export interface RootCauseRef {
  modelId: string;
  areaKey: string;
  dimensionKey: string;
}

export interface FrictionDraft {
  title: string;
  description: string;
  area: string;
  service: string;
  channel: string;
  ownerId: string;
  ref: string;
  tags: string[];
  evidence: { url: string; label: string }[];
  burdens: BurdenDraft[];
  rootCauses: RootCauseRef[];
}

export const emptyLine = (audience: Audience): BurdenDraft => ({
  audience,
  population: null,
  frequencyPerYear: null,
  minutesPerOccurrence: null,
  tariffPerHour: null,
  outOfPocketPerOccurrence: null,
});

export const emptyDraft = (): FrictionDraft => ({
  title: '',
  description: '',
  area: '',
  service: '',
  channel: '',
  ownerId: '',
  ref: '',
  tags: [],
  evidence: [],
  burdens: [emptyLine('citizens')],
  rootCauses: [],
});

/** The form's draft of a saved friction (the tariff as given on the line, not the default applied). */
export function draftOf(friction: Friction): FrictionDraft {
  return {
    title: friction.title,
    description: friction.description ?? '',
    area: friction.area,
    service: friction.service ?? '',
    channel: friction.channel ?? '',
    ownerId: friction.ownerId ?? '',
    ref: friction.ref ?? '',
    tags: [...friction.tags],
    evidence: friction.evidence.map((e) => ({ url: e.url, label: e.label ?? '' })),
    burdens: friction.burdens.map((b) => ({
      audience: b.audience,
      population: b.population,
      frequencyPerYear: b.frequencyPerYear,
      minutesPerOccurrence: b.minutesPerOccurrence,
      tariffPerHour: b.tariffSource === 'explicit' ? b.tariffPerHour : null,
      outOfPocketPerOccurrence: b.outOfPocketPerOccurrence || null,
    })),
    rootCauses: friction.rootCauses.map((r) => ({ modelId: r.modelId, areaKey: r.areaKey, dimensionKey: r.dimensionKey })),
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The library's input of a line: an empty required field stays missing (so it is reported, not taken as 0). */
export function lineInput(line: BurdenDraft): Partial<BurdenInput> & { audience: Audience } {
  const input: Partial<BurdenInput> & { audience: Audience } = { audience: line.audience };
  if (line.population !== null) input.population = line.population;
  if (line.frequencyPerYear !== null) input.frequencyPerYear = line.frequencyPerYear;
  if (line.minutesPerOccurrence !== null) input.minutesPerOccurrence = line.minutesPerOccurrence;
  if (line.tariffPerHour !== null) input.tariffPerHour = line.tariffPerHour;
  if (line.outOfPocketPerOccurrence !== null) input.outOfPocketPerOccurrence = line.outOfPocketPerOccurrence;
  return input;
}

/** The request body (the burden-lines form of the contract); PATCH replaces every line with these. */
export function bodyOf(draft: FrictionDraft): Omit<FrictionCreate, 'status'> {
  return {
    title: draft.title.trim(),
    description: orNull(draft.description),
    area: draft.area,
    service: orNull(draft.service),
    channel: orNull(draft.channel),
    ownerId: draft.ownerId || null,
    ref: orNull(draft.ref),
    tags: draft.tags,
    evidence: draft.evidence
      .filter((e) => e.url.trim())
      .map((e) => ({ url: e.url.trim(), ...(e.label.trim() ? { label: e.label.trim() } : {}) })),
    burdens: draft.burdens.map((line) => lineInput(line) as BurdenInput),
    rootCauses: draft.rootCauses,
  };
}

/** A line's cost as typed, or null while it is incomplete or out of range (with what is wrong, by field). */
export function lineCost(line: BurdenDraft, defaults: DefaultTariffs): { cost: BurdenCost | null; issues: Record<string, string> } {
  const input = lineInput(line);
  const issues = Object.fromEntries(validateBurden(input).map((i) => [i.path, i.code]));
  return { cost: Object.keys(issues).length ? null : burdenCost(input as BurdenInput, defaults), issues };
}

/** The friction's cost from its complete lines (the same function the API stores the figures with). */
export function liveCost(draft: FrictionDraft, defaults: DefaultTariffs): FrictionCost {
  const complete = draft.burdens.map(lineInput).filter((input) => validateBurden(input).length === 0) as BurdenInput[];
  return frictionCost(complete, defaults);
}

/**
 * Creating or editing one friction: loaded with its ETag, saved with If-Match (412: someone else
 * changed it since; the person reloads), validation problems kept by field path (`title`,
 * `burdens[1].population`) to show beside the inputs. `saved` is the server's answer: its figures
 * are the stored ones, shown once the draft matches it again.
 */
export function useFrictionForm(tenantId: Ref<string>) {
  const client = useRumboClient();
  const { t } = useI18n();
  const announcer = useAnnouncer();
  const draft = ref<FrictionDraft>(emptyDraft());
  const saved = shallowRef<Friction | null>(null);
  const etag = ref<string | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  const loadError = shallowRef<ApiError | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const savedBody = ref('');

  const dirty = computed(() => JSON.stringify(bodyOf(draft.value)) !== savedBody.value);
  const stale = computed(() => error.value?.status === 412);
  const fieldErrors = computed(() => error.value?.fieldErrors() ?? {});

  function adopt(friction: Friction, tag: string | null): void {
    saved.value = friction;
    etag.value = tag;
    draft.value = draftOf(friction);
    savedBody.value = JSON.stringify(bodyOf(draft.value));
  }

  async function load(id: string): Promise<void> {
    loading.value = true;
    loadError.value = null;
    error.value = null;
    try {
      const { data, response } = await call(
        client.GET('/v1/tenants/{tenantId}/frictions/{frictionId}', { params: { path: { tenantId: tenantId.value, frictionId: id } } }),
      );
      adopt(data, response.headers.get('ETag'));
    } catch (e) {
      loadError.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  function reset(): void {
    saved.value = null;
    etag.value = null;
    error.value = null;
    draft.value = emptyDraft();
    savedBody.value = '';
  }

  /** Creates or updates; resolves the saved friction, or null (see `error`). */
  async function save(): Promise<Friction | null> {
    saving.value = true;
    error.value = null;
    const body = bodyOf(draft.value);
    try {
      const current = saved.value;
      const { data, response } = current
        ? await call(
            client.PATCH('/v1/tenants/{tenantId}/frictions/{frictionId}', {
              params: { path: { tenantId: tenantId.value, frictionId: current.id }, header: etag.value ? { 'If-Match': etag.value } : {} },
              body,
            }),
          )
        : // A new friction starts identified (the contract's default, said explicitly).
          await call(
            client.POST('/v1/tenants/{tenantId}/frictions', {
              params: { path: { tenantId: tenantId.value } },
              body: { ...body, status: 'identified' },
            }),
          );
      adopt(data, response.headers.get('ETag'));
      announcer.announce(t(current ? 'frictions.form.updated' : 'frictions.form.created', { title: data.title }));
      return data;
    } catch (e) {
      error.value = toApiError(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { draft, saved, etag, loading, saving, loadError, error, stale, dirty, fieldErrors, load, reset, save };
}
