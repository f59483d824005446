import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { activityFormToInput } from '$lib/server/activities/activities.schemas';
import { newActivityForm } from '$lib/server/activities/activities.usecases';
import { recordScreening, screeningChoices } from '$lib/server/portraits/portraits.public';
import type { Actions, PageServerLoad } from './$types';

/** A screening is an activity (activity.create, the activities' reach) of an initiative that offers screenings. */
export const load: PageServerLoad = territoryLoad('activity.create', async ({ db, scope, actor }) => {
	const form = await newActivityForm(db, scope, actor);
	const initiatives = form.options.initiatives.filter((i) => i.types.includes('screening'));
	return { ...form, options: { ...form.options, initiatives }, portraits: await screeningChoices(db, scope) };
});

export const actions: Actions = {
	default: territoryAction(
		'activity.create',
		async ({ event, db, scope, actor, values, form }) => {
			const { id } = await recordScreening(db, scope, actor, { ...activityFormToInput(values), portraitIds: form.getAll('portraitIds') });
			redirect(303, `/t/${event.params.territory}/actions/${id}?saved=1`);
		},
		{ echo: (values, form) => ({ ...values, portraitIds: form?.getAll('portraitIds') ?? [] }) }
	)
};
