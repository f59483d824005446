import { translator } from '$lib/i18n';
import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { openDataCsv, openDataFileName } from '$lib/server/open-data/open-data.presenters';
import { territoryOpenData } from '$lib/server/open-data/open-data.usecases';
import type { RequestHandler } from './$types';

/** The open data as one CSV file, written in French whatever the reader's language: its values are data. */
export const GET: RequestHandler = publicTerritoryLoad(async ({ event, db, scope }) => {
	const csv = openDataCsv(await territoryOpenData(db, scope), translator('fr'));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${openDataFileName(event.locals.territory!.slug, 'csv')}"`
		}
	});
});
