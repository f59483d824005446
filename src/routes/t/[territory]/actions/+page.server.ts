import { getApp } from '$lib/server/app';
import { scopeOf } from '$lib/server/http';
import { activityFormOptions } from '$lib/server/activities/activities.options';
import { parseActivityFilters } from '$lib/server/activities/activities.schemas';
import { listActivities } from '$lib/server/activities/activities.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = scopeOf(locals);
	const db = getApp().database.db;
	const filters = parseActivityFilters(url.searchParams);
	const [result, options] = await Promise.all([listActivities(db, scope, filters), activityFormOptions(db, scope)]);
	return { filters, result, options };
};
