import { hasWholeTerritory, rolesIn, type Principal } from '../accounts/permissions';
import { activityReach, type InitiativeLink } from '../activities/activities.policy';
import { inReach, type Reach } from '../shared/reach';

/*
 * Record-level rules of the mentoring cohorts, as pure functions of the principal: the use cases
 * call them first, with the mode they need (list/view read; create/edit/mentors/workshops/close write).
 */

export type AccessMode = 'read' | 'write';

/**
 * The cohorts a principal reaches: those of the `initiatives` (coordinators and admins: all;
 * funders, reading: all, counts only; partners: the initiatives their organisation leads or takes
 * part in) and those where one of her role-model profiles (`mentorProfiles`) is a marraine.
 * `names`: the initiatives whose cohorts show the marraines' names (funders read counts only).
 */
export interface MentoringReach {
	readonly initiatives: Reach;
	readonly mentorProfiles: readonly number[];
	readonly names: Reach;
}

/** What the plan and the role-model directory say about the principal: her organisations' initiatives, her own profiles. */
export interface MentoringFacts {
	readonly links: readonly InitiativeLink[];
	readonly ownProfiles: readonly number[];
}

/** Only coordinators and admins write; reading needs no plan data for them nor for funders. */
export function reachesAllCohorts(principal: Principal, territoryId: number, mode: AccessMode): boolean {
	return hasWholeTerritory(principal, territoryId, mode);
}

/** Null when the principal reaches no cohort at all (fail-closed): the pages answer 404. */
export function mentoringReach(principal: Principal, territoryId: number, mode: AccessMode, facts: MentoringFacts): MentoringReach | null {
	if (mode === 'write') return hasWholeTerritory(principal, territoryId, 'write') ? { initiatives: 'all', mentorProfiles: [], names: 'all' } : null;
	if (hasWholeTerritory(principal, territoryId, 'write')) return { initiatives: 'all', mentorProfiles: [], names: 'all' };
	const roles = rolesIn(principal, territoryId).map((r) => r.role);
	// Funders read every cohort's counts, never names.
	const funder = roles.includes('funder');
	// Partners: the initiatives their organisation leads or takes part in (the activities' rule).
	const partner = roles.includes('partner')
		? activityReach({ ...principal, roles: rolesIn(principal, territoryId).filter((r) => r.role === 'partner') }, territoryId, 'read', facts.links)
		: [];
	const partnerInitiatives: readonly number[] = partner === 'all' ? [] : partner;
	// Role models: the cohorts where one of their profiles is a marraine.
	const mentorProfiles = roles.includes('role_model') ? facts.ownProfiles : [];
	if (!funder && !roles.includes('partner') && !roles.includes('role_model')) return null;
	return { initiatives: funder ? 'all' : partnerInitiatives, mentorProfiles, names: partnerInitiatives };
}

/** Whether a cohort shows its marraines' names to this reach: coordinators, partners of its initiative, its own marraines. */
export function mayReadNames(reach: MentoringReach, cohort: { initiativeId: number }, mentorProfileIds: readonly number[]): boolean {
	return inReach(reach.names, cohort.initiativeId) || mentorProfileIds.some((id) => reach.mentorProfiles.includes(id));
}
