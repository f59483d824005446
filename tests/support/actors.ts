import type { Principal } from '../../src/lib/server/accounts/permissions';
import type { Actor } from '../../src/lib/server/shared/scope';

/**
 * Actors for tests. An actor carries its principal (the policies read it); most tests act as a
 * platform admin, who reaches every record, and name the person for the audit trail.
 */
export function adminActor(userId: string, details: { label?: string; ip?: string } = {}): Actor {
	return actorOf({ userId, platformAdmin: true, roles: [] }, details);
}

/** The actor of a principal (a partner, a coordinator…), as `authorize` builds it. */
export function actorOf(principal: Principal, details: { label?: string; ip?: string } = {}): Actor {
	return { userId: principal.userId, ...details, principal };
}
