import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { activityFormToInput } from '$lib/server/activities/activities.schemas';
import { createActivity, newActivityForm } from '$lib/server/activities/activities.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('activity.create', ({ db, scope, actor }) => newActivityForm(db, scope, actor));

export const actions: Actions = {
	default: territoryAction('activity.create', async ({ event, db, scope, actor, values }) => {
		const { id } = await createActivity(db, scope, actor, activityFormToInput(values));
		redirect(303, `/t/${event.params.territory}/actions/${id}?saved=1`);
	})
};
