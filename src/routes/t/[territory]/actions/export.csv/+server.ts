import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { authorize } from '$lib/server/http';
import { activitiesToCsv } from '$lib/server/activities/activities.csv';
import { activityFormOptions } from '$lib/server/activities/activities.options';
import { parseActivityFilters } from '$lib/server/activities/activities.schemas';
import { exportActivities } from '$lib/server/activities/activities.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { scope, actor } = await authorize(event, 'activity.read');
	const db = getApp().database.db;
	const filters = parseActivityFilters(event.url.searchParams);
	const [data, options] = await Promise.all([exportActivities(db, scope, actor, filters), activityFormOptions(db, scope)]);
	return new Response(activitiesToCsv(data, options, translator(event.locals.locale)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="actions-${event.locals.territory!.slug}.csv"`
		}
	});
};
