import { redirect } from '@sveltejs/kit';
import { idParam } from '$lib/server/http';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { activityFormToInput } from '$lib/server/activities/activities.schemas';
import { addMentor, closeCohortYear, recordWorkshop, removeMentor, updateCohort, viewCohort } from '$lib/server/mentoring/mentoring.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('profile.own', ({ event, db, scope, actor }) => viewCohort(db, scope, actor, idParam(event.params.id)));

const back = (territory: string, id: string, notice: string, anchor = '') => `/t/${territory}/marrainage/${id}?${notice}=1${anchor}`;

export const actions: Actions = {
	update: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await updateCohort(db, scope, actor, idParam(event.params.id), values);
		redirect(303, back(event.params.territory, event.params.id, 'saved'));
	}),
	mentorAdd: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await addMentor(db, scope, actor, idParam(event.params.id), values);
		redirect(303, back(event.params.territory, event.params.id, 'mentor_added', '#marraines'));
	}),
	mentorRemove: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await removeMentor(db, scope, actor, idParam(event.params.id), values);
		redirect(303, back(event.params.territory, event.params.id, 'mentor_removed', '#marraines'));
	}),
	workshop: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await recordWorkshop(db, scope, actor, idParam(event.params.id), activityFormToInput(values));
		redirect(303, back(event.params.territory, event.params.id, 'workshop_saved', '#ateliers'));
	}),
	close: territoryAction('plan.update', async ({ event, db, scope, actor, values }) => {
		await closeCohortYear(db, scope, actor, idParam(event.params.id), values);
		redirect(303, back(event.params.territory, event.params.id, 'closed'));
	})
};
