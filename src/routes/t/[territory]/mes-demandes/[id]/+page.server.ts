import { idParam } from '$lib/server/http';
import { knownLinkOr404 } from '$lib/server/http/private-links';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { followCancel, followPage, followUpdate } from '$lib/server/interventions/interventions.public';
import type { Actions, PageServerLoad } from './$types';

/**
 * One of her requests, from her account (« Mes demandes »): the follow page of her private link,
 * reached through her verified address. Anyone else's request, or an unknown one, is a 404.
 */
export const load: PageServerLoad = territoryLoad('request.own', async ({ event, db, scope, actor }) => {
	return knownLinkOr404(await followPage(db, { scope, actor, id: idParam(event.params.id) }), event.locals.locale, 'error.not_found');
});

export const actions: Actions = {
	update: territoryAction('request.own', async ({ event, db, scope, actor, values }) => {
		const { problem } = await followUpdate(db, { scope, actor, id: idParam(event.params.id) }, values);
		return { problem, saved: !problem };
	}),
	cancel: territoryAction('request.own', async ({ event, db, scope, actor, values }) => {
		const { problem } = await followCancel(db, { scope, actor, id: idParam(event.params.id) }, values);
		return { problem, cancelled: !problem };
	})
};
