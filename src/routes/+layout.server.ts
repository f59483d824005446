import { getApp } from '$lib/server/app';
import { anyDemoLoaded } from '$lib/server/territories/territories.repository';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	locale: locals.locale,
	user: locals.user ? { name: locals.user.name } : null,
	territory: locals.territory ? { slug: locals.territory.slug, name: locals.territory.name } : null,
	demo: locals.territory ? locals.territory.demoLoaded : await anyDemoLoaded(getApp().database.db)
});
