/** The home page's list: real territories first (by name, as read), the fictional demo ones after, marked. */
export interface TerritoryItem {
	slug: string;
	name: string;
	/** Fictional demo data loaded: the territory is a showcase, not a real one. */
	demo: boolean;
}

export function orderTerritories(list: readonly TerritoryItem[]): TerritoryItem[] {
	// Stable sort: within each group the repository's alphabetical order is kept.
	return [...list].sort((a, b) => Number(a.demo) - Number(b.demo));
}
