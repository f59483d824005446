import { translator } from '$lib/i18n';
import { territoryLoad } from '$lib/server/http/handlers';
import { parseActivityFilters } from '$lib/server/activities/activities.schemas';
import { exportActivitiesCsv } from '$lib/server/activities/activities.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = territoryLoad('activity.read', async ({ event, db, scope, actor }) => {
	const csv = await exportActivitiesCsv(db, scope, actor, parseActivityFilters(event.url.searchParams), translator(event.locals.locale));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="actions-${event.locals.territory!.slug}.csv"`
		}
	});
});
