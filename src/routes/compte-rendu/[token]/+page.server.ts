import { getApp } from '$lib/server/app';
import { knownLinkOr404 } from '$lib/server/http/private-links';
import { publicAction } from '$lib/server/http/handlers';
import { reportFromLinkPage, viewReportLink } from '$lib/server/interventions/interventions.answers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => knownLinkOr404(await viewReportLink(getApp().database.db, params.token), locals.locale);

export const actions: Actions = {
	default: publicAction(async ({ event, db, values }) => {
		const { problem, result } = await reportFromLinkPage(db, event.params.token, values);
		return { problem, outcome: result?.outcome ?? null };
	})
};
