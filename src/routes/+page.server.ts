import { getApp } from '$lib/server/app';
import { listTerritories } from '$lib/server/territories/territories.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	territories: (await listTerritories(getApp().database.db)).map((t) => ({ slug: t.slug, name: t.name }))
});
