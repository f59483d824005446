import { baseURL } from '$lib/server/privacy/legal.usecases';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, params }) => {
	// locals.territory is computed by the hooks from params.territory. SvelteKit re-runs a load on a
	// client-side navigation only for what it saw the load read: reading params.territory here is what
	// makes the header (and the territory every page reads from it) follow the URL when a click enters,
	// leaves or changes territory. Without it, going from / to /t/<slug> kept `territory: null`.
	const territory = params.territory && locals.territory ? locals.territory : null;
	return {
		locale: locals.locale,
		// The configured public address (ORIGIN): absolute URLs of canonical links and social previews (PageMeta).
		baseURL: baseURL(),
		// platformAdmin: the link to the territories' administration; territories: how many she belongs to (a link to move between them).
		user: locals.user
			? {
					name: locals.user.name,
					platformAdmin: locals.principal?.platformAdmin ?? false,
					territories: new Set(locals.principal?.roles.map((r) => r.territoryId) ?? []).size
				}
			: null,
		territory: territory ? { slug: territory.slug, name: territory.name, archived: territory.archived } : null,
		// Only inside the demo territory: real territories' pages never say their data is fictional.
		demo: territory?.demoLoaded ?? false
	};
};
