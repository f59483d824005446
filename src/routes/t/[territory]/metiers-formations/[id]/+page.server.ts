import { redirect } from '@sveltejs/kit';
import { idParam } from '$lib/server/http';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { trainingFormToInput } from '$lib/server/trainings/trainings.schemas';
import { deleteTraining, editTrainingPage, updateTraining } from '$lib/server/trainings/trainings.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('training.manage', ({ event, db, scope, actor }) =>
	editTrainingPage(db, scope, actor, idParam(event.params.id))
);

/** The ticked job families come back as a list after a refusal; `form` says which form was sent. */
const echo = (which: 'update' | 'delete') => (values: Record<string, string>, form: FormData | null) => ({
	...values,
	jobFamilies: form ? form.getAll('jobFamilies').map(String) : [],
	form: which
});

export const actions: Actions = {
	update: territoryAction(
		'training.manage',
		async ({ event, db, scope, actor, form }) => {
			const id = idParam(event.params.id);
			await updateTraining(db, scope, actor, id, trainingFormToInput(form));
			redirect(303, `/t/${event.params.territory}/metiers-formations/${id}?saved=1`);
		},
		{ echo: echo('update') }
	),
	delete: territoryAction(
		'training.manage',
		async ({ event, db, scope, actor, values }) => {
			await deleteTraining(db, scope, actor, idParam(event.params.id), values);
			redirect(303, `/t/${event.params.territory}/metiers-formations?deleted=1`);
		},
		{ echo: echo('delete') }
	)
};
