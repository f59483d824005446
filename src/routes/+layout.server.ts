import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, params }) => {
	// locals.territory is computed by the hooks from params.territory. SvelteKit re-runs a load on a
	// client-side navigation only for what it saw the load read: reading params.territory here is what
	// makes the header (and the territory every page reads from it) follow the URL when a click enters,
	// leaves or changes territory. Without it, going from / to /t/<slug> kept `territory: null`.
	const territory = params.territory && locals.territory ? locals.territory : null;
	return {
		locale: locals.locale,
		user: locals.user ? { name: locals.user.name } : null,
		territory: territory ? { slug: territory.slug, name: territory.name } : null,
		// Only inside the demo territory: real territories' pages never say their data is fictional.
		demo: territory?.demoLoaded ?? false
	};
};
