/** The territory every query is limited to; computed once per request in hooks.server.ts. */
export interface TerritoryScope {
	readonly territoryId: number;
}

/** Who acts: recorded with every write. */
export interface Actor {
	readonly userId: string;
}
