/**
 * Contract handlers of auth. Building them also brings the configured people (roles.people) into
 * the associates table, so every process that serves calls starts from the current configuration.
 */
import type { AppRuntime } from '../app/runtime';
import type { Handlers } from '../contract/handlers';
import type { AuthService } from './auth-service';

export type AuthCallName =
  'auth.people' | 'auth.signIn' | 'auth.signOut' | 'auth.whoami' | 'auth.createAssociate' | 'auth.setPin';

export function authHandlers(rt: AppRuntime, auth: AuthService): Pick<Handlers, AuthCallName> {
  const synced = auth.people.syncFromConfig();
  if (synced.added || synced.updated) rt.logger.info('people synced from configuration', synced);
  return {
    'auth.people': () => ({ people: auth.people.list() }),
    'auth.signIn': (input, ctx) => auth.signIn(input.associateId, input.pin, ctx.sessionToken),
    'auth.signOut': (_input, ctx) => ({ signedOut: auth.signOut(ctx.sessionToken) }),
    'auth.whoami': (_input, ctx) => ({ actor: ctx.actor }),
    'auth.createAssociate': (input) => auth.createAssociate(input),
    'auth.setPin': (input, ctx) => {
      auth.setPin(ctx.actor, input);
      return { associateId: input.associateId, changed: true as const };
    },
  };
}
