import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { openInterventionsIcs } from '$lib/server/interventions/interventions.open';
import type { RequestHandler } from './$types';

/** The public iCal feed of the open interventions (same UID as each intervention's invitations). */
export const GET: RequestHandler = publicTerritoryLoad(async ({ event, db, scope }) => {
	const ics = await openInterventionsIcs(db, scope, event.locals.locale);
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="interventions-ouvertes.ics"',
			'cache-control': 'no-store'
		}
	});
});
