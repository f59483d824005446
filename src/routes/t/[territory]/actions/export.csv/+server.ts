import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { scopeOf } from '$lib/server/http';
import { activitiesToCsv } from '$lib/server/activities/activities.csv';
import { activityFormOptions } from '$lib/server/activities/activities.options';
import { parseActivityFilters } from '$lib/server/activities/activities.schemas';
import { exportActivities } from '$lib/server/activities/activities.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const scope = scopeOf(locals);
	const db = getApp().database.db;
	const filters = parseActivityFilters(url.searchParams);
	const [data, options] = await Promise.all([exportActivities(db, scope, filters), activityFormOptions(db, scope)]);
	return new Response(activitiesToCsv(data, options, translator(locals.locale)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="actions-${locals.territory!.slug}.csv"`
		}
	});
};
