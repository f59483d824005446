import { profileFormToInput } from './role-models.schemas';
import type { roleModelAvailability, roleModelProfiles } from './role-models.table';

type ProfileRow = typeof roleModelProfiles.$inferSelect;
type AvailabilityRow = typeof roleModelAvailability.$inferSelect;

/** Whether she consents, today, to a public profile. */
export function hasPublicConsent(p: Pick<ProfileRow, 'publicConsentAt' | 'publicConsentWithdrawnAt'>): boolean {
	return p.publicConsentAt !== null && p.publicConsentWithdrawnAt === null;
}

/** The profile as its edit form shows it (checkbox groups as lists). */
export function profileToFormValues(p: ProfileRow, networkIds: readonly number[]) {
	return {
		firstName: p.firstName,
		lastName: p.lastName,
		email: p.email,
		job: p.job ?? '',
		organisationId: p.organisationId ? String(p.organisationId) : '',
		sector: p.sector ?? '',
		trainingPath: p.trainingPath ?? '',
		networkIds: networkIds.map(String),
		reachEpcis: [...p.reachEpcis],
		reachCommunes: [...p.reachCommunes],
		preferredAudiences: [...p.preferredAudiences],
		preferredLevels: [...p.preferredLevels],
		languages: p.languages.join(', '),
		publicConsent: hasPublicConsent(p) ? 'on' : ''
	};
}

/** What the audit trail keeps of a profile (with its networks). */
export function profileSnapshot(p: ProfileRow, networkIds: readonly number[]) {
	const { createdAt, updatedAt, territoryId, ...fields } = p;
	void createdAt;
	void updatedAt;
	void territoryId;
	return { ...fields, networkIds: [...networkIds].sort((a, b) => a - b) };
}

/** One availability row as pages and audit show it. */
export function presentAvailability(a: AvailabilityRow) {
	return { id: a.id, kind: a.kind, weekday: a.weekday, startTime: a.startTime, endTime: a.endTime, onDate: a.onDate, fromDate: a.fromDate, toDate: a.toDate };
}

/** Echo of a refused profile form: the typed values with every ticked box. */
export function echoProfileForm(values: Record<string, string>, form: FormData | null): Record<string, unknown> {
	return form ? profileFormToInput(form) : values;
}

/** The labels a profile's references are shown with in the API (firm, networks). */
export interface RoleModelLabels {
	organisations: ReadonlyMap<number, string>;
	networks: ReadonlyMap<number, string>;
}

/**
 * A profile as the API shows it to whoever manages the territory's profiles: who she is, what she
 * does, where she can go, her networks and languages. Her e-mail only when `withEmail`.
 */
export function presentRoleModel(p: ProfileRow, networkIds: readonly number[], labels: RoleModelLabels, withEmail: boolean) {
	return {
		id: p.id,
		firstName: p.firstName,
		lastName: p.lastName,
		...(withEmail ? { email: p.email } : {}),
		job: p.job,
		firm: p.organisationId === null ? null : { id: p.organisationId, name: labels.organisations.get(p.organisationId) ?? '' },
		sector: p.sector,
		networks: networkIds.map((id) => ({ id, name: labels.networks.get(id) ?? '' })),
		reachEpcis: [...p.reachEpcis],
		reachCommunes: [...p.reachCommunes],
		preferredAudiences: [...p.preferredAudiences],
		preferredLevels: [...p.preferredLevels],
		languages: [...p.languages],
		active: p.active,
		linked: p.userId !== null
	};
}
