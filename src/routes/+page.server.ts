import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { siteLanding } from '$lib/server/site/site.usecases';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

/**
 * One active territory: `/` answers 303 to its home rather than rendering it here. `/` stays as cheap
 * as a list (one small query, none of the home's aggregates), the home has one address (its cache,
 * ETag and links are those of /t/<slug>), and its header keeps the territory's navigation, which the
 * layout derives from the URL's territory.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const landing = await siteLanding(getApp().database.db, locals.principal);
	if (landing.redirectTo) redirect(303, landing.redirectTo);
	return { territories: landing.territories, mine: landing.mine };
};
