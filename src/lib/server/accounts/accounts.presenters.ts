import type { PrincipalRole } from './permissions';

/**
 * Accounts → what pages and downloads show. One place per domain: the route only sends what
 * these return.
 */

/** "Mon compte": the person's own account and, for each role, the territory it is held in. */
export function presentAccount(
	account: { name: string; email: string; twoFactorEnabled: boolean; emailVerified: boolean },
	roles: readonly Pick<PrincipalRole, 'territoryId' | 'role'>[],
	territories: readonly { id: number; slug: string; name: string }[]
) {
	return {
		account: { name: account.name, email: account.email, twoFactorEnabled: account.twoFactorEnabled, emailVerified: account.emailVerified },
		roles: roles.map((r) => {
			const territory = territories.find((t) => t.id === r.territoryId);
			return { role: r.role, slug: territory?.slug ?? '', name: territory?.name ?? '' };
		})
	};
}

/**
 * The territories a person belongs to, one entry per territory with her roles there (each
 * membership is its own): what she moves between. Archived ones stay, marked.
 */
export function presentMemberships(
	roles: readonly Pick<PrincipalRole, 'territoryId' | 'role'>[],
	territories: readonly { id: number; slug: string; name: string; archivedAt: Date | null }[]
) {
	return territories
		.filter((t) => roles.some((r) => r.territoryId === t.id))
		.map((t) => ({ slug: t.slug, name: t.name, archived: t.archivedAt !== null, roles: roles.filter((r) => r.territoryId === t.id).map((r) => r.role) }));
}

/** The name the browser saves the personal-data export under. */
export const PERSONAL_DATA_FILENAME = 'mes-donnees-mixite.json';

/** Right of access and portability: everything held about the person, dated, as indented JSON. */
export function presentPersonalData(data: object, now = new Date()): string {
	return JSON.stringify({ exportedAt: now.toISOString(), ...data }, null, 2);
}
