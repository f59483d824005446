import { redirect } from '@sveltejs/kit';
import { idParam } from '$lib/server/http';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { initiativeEditor, updateInitiative } from '$lib/server/plan/initiatives.usecases';
import { echoInitiativeForm } from '$lib/server/plan/plan.presenters';
import { initiativeFormToInput } from '$lib/server/plan/plan.schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('plan.update', ({ event, db, scope, actor }) => initiativeEditor(db, scope, actor, idParam(event.params.id)));

export const actions: Actions = {
	default: territoryAction(
		'plan.update',
		async ({ event, db, scope, actor, form }) => {
			await updateInitiative(db, scope, actor, idParam(event.params.id), initiativeFormToInput(form));
			redirect(303, `/t/${event.params.territory}/plan/initiatives/${event.params.id}?saved=1`);
		},
		{ echo: echoInitiativeForm }
	)
};
