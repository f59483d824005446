import type { Principal } from '../accounts/permissions';

/**
 * Territories are the platform's business: only a platform administrator creates, renames,
 * archives or restores one, and invites its first coordinator. Anyone else is told nothing
 * exists (404, never 403).
 */
export function mayAdministerTerritories(principal: Principal | null): boolean {
	return Boolean(principal?.platformAdmin);
}

/** An archived territory is read-only for everyone, administrators included, until it is restored. */
export function isWritable(territory: { archivedAt: Date | null }): boolean {
	return territory.archivedAt === null;
}
