/** The territory every query is limited to; computed once per request in hooks.server.ts. */
export interface TerritoryScope {
	readonly territoryId: number;
}

/**
 * Who acts, recorded in the audit trail with every write. `initiatives` narrows what a
 * partner may touch ('all' for coordinators, admins and the platform's own commands).
 */
export interface Actor {
	readonly userId: string;
	readonly label?: string;
	readonly ip?: string;
	readonly initiatives?: 'all' | readonly number[];
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', label: 'mixite (ligne de commande)', initiatives: 'all' };
