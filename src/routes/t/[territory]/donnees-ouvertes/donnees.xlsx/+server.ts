import { translator } from '$lib/i18n';
import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { openDataFileName, openDataXlsx } from '$lib/server/open-data/open-data.presenters';
import { territoryOpenData } from '$lib/server/open-data/open-data.usecases';
import type { RequestHandler } from './$types';

/** The open data as an XLSX workbook, one sheet a table, written in French: its values are data. */
export const GET: RequestHandler = publicTerritoryLoad(async ({ event, db, scope }) => {
	const territory = event.locals.territory!;
	const xlsx = await openDataXlsx(territory, await territoryOpenData(db, scope), translator('fr'));
	return new Response(new Uint8Array(xlsx), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${openDataFileName(territory.slug, 'xlsx')}"`
		}
	});
});
