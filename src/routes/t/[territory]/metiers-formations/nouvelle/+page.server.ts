import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { trainingFormToInput } from '$lib/server/trainings/trainings.schemas';
import { createTraining, newTrainingForm } from '$lib/server/trainings/trainings.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('training.manage', ({ db, scope, actor }) => newTrainingForm(db, scope, actor));

/** The ticked job families come back as a list after a refusal. */
const echo = (values: Record<string, string>, form: FormData | null) => ({ ...values, jobFamilies: form ? form.getAll('jobFamilies').map(String) : [] });

export const actions: Actions = {
	default: territoryAction(
		'training.manage',
		async ({ event, db, scope, actor, form }) => {
			const { id } = await createTraining(db, scope, actor, trainingFormToInput(form));
			redirect(303, `/t/${event.params.territory}/metiers-formations/${id}?created=1`);
		},
		{ echo }
	)
};
