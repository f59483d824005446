import { getApp } from '$lib/server/app';
import { myTerritories } from '$lib/server/accounts/accounts.usecases';
import { listActiveTerritories } from '$lib/server/territories/territories.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = getApp().database.db;
	const [territories, mine] = await Promise.all([listActiveTerritories(db), myTerritories(db, locals.principal)]);
	return { territories: territories.map((t) => ({ slug: t.slug, name: t.name, demo: t.demoLoaded })), mine };
};
