import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { OPEN_DATA_FIELDS, OPEN_DATA_TABLES } from '$lib/server/open-data/open-data.presenters';
import { OPEN_DATA_LICENCE } from '$lib/domain/open-data';
import { openDataPage } from '$lib/server/open-data/open-data.usecases';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (decision 0010). */
export const csr = false;

export const load: PageServerLoad = publicTerritoryLoad(async ({ db, scope }) => ({
	...(await openDataPage(db, scope)),
	licence: OPEN_DATA_LICENCE,
	fields: OPEN_DATA_FIELDS,
	tables: OPEN_DATA_TABLES
}));
