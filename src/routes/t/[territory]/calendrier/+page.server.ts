import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from '$lib/server/calendar/calendar.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('user.manage', async ({ db, scope, actor }) => ({
	feed: await calendarFeedStatus(db, scope, actor, 'coordinator')
}));

/** The secret URL is returned once, never echoed or stored in clear. */
const echoNothing = () => ({});

export const actions: Actions = {
	feed: territoryAction('user.manage', async ({ db, scope, actor }) => ({ feedUrl: (await createCalendarFeed(db, scope, actor, 'coordinator')).url }), {
		echo: echoNothing
	}),
	revokeFeed: territoryAction(
		'user.manage',
		async ({ db, scope, actor }) => {
			await revokeCalendarFeed(db, scope, actor, 'coordinator');
			return { feedRevoked: true };
		},
		{ echo: echoNothing }
	)
};
