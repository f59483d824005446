/*
 * The public pages: what anybody reads without an account (issue #9). One list, by SvelteKit route
 * id (the same for every territory's slug), for what treats them apart: the page cache under a crowd
 * (public-cache.ts, decision 0012) and the security headers (hooks.server.ts, decision 0010).
 */

/** Public pages of a territory. */
const TERRITORY_PAGES = new Set([
	'/t/[territory]',
	'/t/[territory]/indicateur',
	'/t/[territory]/carte',
	'/t/[territory]/donnees-ouvertes',
	'/t/[territory]/fiche',
	'/t/[territory]/interventions-ouvertes',
	'/t/[territory]/demander',
	'/t/[territory]/temoins',
	'/t/[territory]/temoins/[id]',
	'/t/[territory]/portraits',
	'/t/[territory]/portraits/[id]',
	'/t/[territory]/metiers-formations',
	'/t/[territory]/initiatives'
]);
/** Public pages outside a territory: they may show every territory. */
const INSTANCE_PAGES = new Set(['/', '/plans', '/plan-du-site', '/mentions-legales', '/accessibilite', '/donnees-personnelles']);

/** Whether a route is a public page of a territory, of the whole instance, or neither. */
export function publicPageKind(routeId: string | null): 'territory' | 'instance' | null {
	if (!routeId) return null;
	if (TERRITORY_PAGES.has(routeId)) return 'territory';
	if (INSTANCE_PAGES.has(routeId)) return 'instance';
	return null;
}
