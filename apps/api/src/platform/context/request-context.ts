import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import type { ContentLanguage } from '../http/language';

/** Who acts: recorded on every audit event. */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
  /** Human-readable at the time of the action: an email, a key prefix, `system`. */
  label: string;
}

/**
 * A request's open unit of work: opened by the auth guard (before pipes), ended by the route's
 * wrapper once the handler has settled, or, when the handler never ran (a pipe refused the request),
 * by the answer (runHandlersInRequestContext).
 */
export interface OpenUnitOfWork {
  /** The route's wrapper has taken it over: only the wrapper ends it then. */
  entered: boolean;
  /** ROLLBACK when `failed`, otherwise COMMIT; the connection goes back to the pool. Called once. */
  end(failed: boolean): Promise<void>;
}

/** What one request carries through its call stack, without request-scoped providers. */
export interface RequestState {
  requestId: string;
  ip: string | null;
  actor?: Actor;
  /** The transaction of this request's unit of work, once opened. */
  manager?: EntityManager;
  /** How the request's unit of work ends, while it is open (see unit-of-work.binding.ts). */
  unitOfWork?: OpenUnitOfWork;
  /** The tenant the unit of work acts for. */
  tenantId?: string;
  /** The language negotiated from Accept-Language, for texts in successful answers (bulk reports). */
  language?: ContentLanguage;
}

const storage = new AsyncLocalStorage<RequestState>();

/** Request-scoped state through AsyncLocalStorage: one store per request, no DI scope changes. */
export const RequestContext = {
  run<T>(state: RequestState, work: () => T): T {
    return storage.run(state, work);
  },

  /** The current request's state, or undefined outside a request (bootstrap, seeding, jobs). */
  current(): RequestState | undefined {
    return storage.getStore();
  },

  /** The caller's language (Spanish outside a request or when nothing matched). */
  language(): ContentLanguage {
    return storage.getStore()?.language ?? 'es';
  },

  /** The current unit of work's transaction; its absence is a programming error, never a default. */
  manager(): EntityManager {
    const manager = storage.getStore()?.manager;
    if (!manager) throw new Error('no database transaction in this context: the route must declare a tenant or principal requirement');
    return manager;
  },
};
