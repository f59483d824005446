import { importTemplate } from '$lib/server/activities/activities.import-template';
import { territoryLoad } from '$lib/server/http/handlers';
import { todayInParis } from '$lib/server/shared/paris-time';
import type { RequestHandler } from './$types';

/** The import page's template: the headers the import recognises, an example row and the accepted values. */
export const GET: RequestHandler = territoryLoad('activity.create', async ({ event, db, scope, actor }) => {
	const xlsx = await importTemplate(db, scope, actor, { today: todayInParis() });
	return new Response(new Uint8Array(xlsx), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="modele-import-actions-${event.locals.territory!.slug}.xlsx"`
		}
	});
});
