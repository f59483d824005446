import { getApp } from '$lib/server/app';
import { knownLinkOr404 } from '$lib/server/http/private-links';
import { publicAction } from '$lib/server/http/handlers';
import { followCancel, followPage, followUpdate } from '$lib/server/interventions/interventions.public';
import { followAccountOffer } from '$lib/server/interventions/interventions.requester';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => knownLinkOr404(await followPage(getApp().database.db, params.token), locals.locale);

export const actions: Actions = {
	update: publicAction(async ({ event, db, values }) => {
		const { problem } = await followUpdate(db, event.params.token, values);
		return { problem, saved: !problem };
	}),
	cancel: publicAction(async ({ event, db, values }) => {
		const { problem } = await followCancel(db, event.params.token, values);
		return { problem, cancelled: !problem };
	}),
	/** « Créer un compte pour retrouver toutes vos demandes »: the link goes to the request's address. */
	account: publicAction(async ({ event, db }) => {
		const { problem, result } = await followAccountOffer(db, event.params.token);
		return { problem, accountOffer: result };
	})
};
