import type { Principal } from '../accounts/permissions';

/** The territory every query is limited to; computed once per request in hooks.server.ts. */
export interface TerritoryScope {
	readonly territoryId: number;
}

/**
 * Who acts: recorded in the audit trail with every write (`userId`, `label`, `ip`), and the
 * `principal` whose roles each domain's policy reads to compute what the actor may touch (its
 * `Reach`, see reach.ts). The actor carries no precomputed rights: the use case asks its policy,
 * with the mode it needs (read or write).
 */
export interface Actor {
	readonly userId: string;
	readonly label?: string;
	readonly ip?: string;
	readonly principal: Principal;
}

/** The platform's own commands (CLI, demo data, scheduled reminders): a platform admin. */
export const SYSTEM_PRINCIPAL: Principal = { userId: 'system', platformAdmin: true, roles: [] };

export const SYSTEM_ACTOR: Actor = { userId: 'system', label: 'mixite (ligne de commande)', principal: SYSTEM_PRINCIPAL };

/**
 * The platform acting on its own (a request confirmed once enough role models accepted, a waiting
 * list moving up, scheduled moves): the journal says « La plateforme (automatique) », not the CLI.
 */
export const PLATFORM_ACTOR: Actor = { userId: 'platform', label: 'la plateforme (automatique)', principal: SYSTEM_PRINCIPAL };
