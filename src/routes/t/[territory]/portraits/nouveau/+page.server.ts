import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { createPortrait, portraitFormOptions } from '$lib/server/portraits/portraits.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('portrait.manage', ({ db, scope, actor }) => portraitFormOptions(db, scope, actor));

export const actions: Actions = {
	default: territoryAction('portrait.manage', async ({ event, db, scope, actor, values }) => {
		const { id } = await createPortrait(db, scope, actor, values);
		redirect(303, `/t/${event.params.territory}/portraits/${id}/modifier?saved=created`);
	})
};
