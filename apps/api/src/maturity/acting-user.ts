import { RequestContext } from '../platform/context/request-context';

/** The signed-in user acting, if the actor is one (API keys and the system leave no user id on rows). */
export function actingUserId(): string | null {
  const actor = RequestContext.current()?.actor;
  return actor?.type === 'user' ? actor.id : null;
}
