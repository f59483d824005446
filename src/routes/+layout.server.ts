import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	user: locals.user ? { name: locals.user.name } : null,
	territory: locals.territory ? { slug: locals.territory.slug, name: locals.territory.name } : null,
	// Only inside the demo territory: real territories' pages never say their data is fictional.
	demo: locals.territory?.demoLoaded ?? false
});
