import { getApp } from '$lib/server/app';
import { knownLinkOr404 } from '$lib/server/http/private-links';
import { publicAction } from '$lib/server/http/handlers';
import { answerFromLinkPage, viewAnswerLink } from '$lib/server/interventions/interventions.answers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => ({
	...knownLinkOr404(await viewAnswerLink(getApp().database.db, params.token), locals.locale),
	preferDecline: url.searchParams.get('choix') === 'decliner'
});

export const actions: Actions = {
	default: publicAction(async ({ event, db, values }) => {
		const { problem, result } = await answerFromLinkPage(db, event.params.token, values.decision ?? '', new Date(), values.note ?? null);
		return { problem, answered: result };
	})
};
