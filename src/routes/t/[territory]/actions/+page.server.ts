import { getApp } from '$lib/server/app';
import { authorize } from '$lib/server/http';
import { activityFormOptions } from '$lib/server/activities/activities.options';
import { parseActivityFilters } from '$lib/server/activities/activities.schemas';
import { listActivities } from '$lib/server/activities/activities.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope, actor } = await authorize(event, 'activity.read');
	const db = getApp().database.db;
	const filters = parseActivityFilters(event.url.searchParams);
	const [result, options] = await Promise.all([listActivities(db, scope, actor, filters), activityFormOptions(db, scope, actor)]);
	return { filters, result, options };
};
