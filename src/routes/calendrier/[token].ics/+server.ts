import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { calendarFeedIcs } from '$lib/server/calendar/calendar.usecases';
import { DomainError } from '$lib/server/shared/errors';
import type { RequestHandler } from './$types';

/** A private iCal feed: the secret in the URL is the only key; unknown or revoked answers 404. */
export const GET: RequestHandler = async ({ params, locals }) => {
	try {
		const ics = await calendarFeedIcs(getApp().database.db, params.token);
		return new Response(ics, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': 'inline; filename="interventions.ics"',
				'cache-control': 'private, no-store',
				'referrer-policy': 'no-referrer'
			}
		});
	} catch (e) {
		if (e instanceof DomainError && e.status === 404) error(404, { message: translator(locals.locale)('error.not_found') });
		throw e;
	}
};
