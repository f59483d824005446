import { redirect } from '@sveltejs/kit';
import { idParam } from '$lib/server/http';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { activityFormToInput, parseExpectedVersion } from '$lib/server/activities/activities.schemas';
import { cancelActivity, updateActivity, viewActivity } from '$lib/server/activities/activities.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('activity.read', ({ event, db, scope, actor }) => viewActivity(db, scope, actor, idParam(event.params.id)));

export const actions: Actions = {
	update: territoryAction('activity.update', async ({ event, db, scope, actor, values }) => {
		const id = idParam(event.params.id);
		await updateActivity(db, scope, actor, id, parseExpectedVersion('form', values.version), activityFormToInput(values));
		redirect(303, `/t/${event.params.territory}/actions/${id}?saved=1`);
	}),
	cancel: territoryAction('activity.cancel', async ({ event, db, scope, actor, values }) => {
		const id = idParam(event.params.id);
		await cancelActivity(db, scope, actor, id, parseExpectedVersion('form', values.version), values);
		redirect(303, `/t/${event.params.territory}/actions/${id}?cancelled=1`);
	})
};
