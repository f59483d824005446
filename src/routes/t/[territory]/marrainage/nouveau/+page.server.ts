import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { createCohort, newCohortForm } from '$lib/server/mentoring/mentoring.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('plan.update', ({ db, scope, actor }) => newCohortForm(db, scope, actor));

export const actions: Actions = {
	default: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		const { id } = await createCohort(db, scope, actor, values);
		redirect(303, `/t/${event.params.territory}/marrainage/${id}?created=1`);
	})
};
