import { hasWholeTerritory, type Principal } from '../accounts/permissions';

/*
 * Record-level rules of the plan, as pure functions: the use cases call them first.
 */

/** The plan is edited by those who run the whole territory (coordinators, platform admins), nobody else. */
export function mayEditPlan(principal: Principal, territoryId: number): boolean {
	return hasWholeTerritory(principal, territoryId, 'write');
}

/**
 * What removing an initiative does, by the activities recorded for it (whatever their status):
 * none, it is deleted; any, it is refused — it can be stopped, never deleted, so that its activities
 * keep their initiative and stay counted.
 */
export function initiativeRemoval(activityCount: number): 'delete' | 'refuse' {
	return activityCount === 0 ? 'delete' : 'refuse';
}

/** A contact's name and e-mail are public only with the consent the coordinator recorded. */
export function contactIsPublic(contact: { consentOn: string | null }): boolean {
	return contact.consentOn !== null;
}
