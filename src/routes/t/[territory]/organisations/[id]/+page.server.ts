import { redirect } from '@sveltejs/kit';
import { idParam } from '$lib/server/http';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { changeOrganisationStatus, updateOrganisation, viewOrganisation } from '$lib/server/organisations/organisations.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('organisation.read', ({ event, db, scope, actor }) =>
	viewOrganisation(db, scope, actor, idParam(event.params.id))
);

export const actions: Actions = {
	update: territoryAction('organisation.manage', async ({ event, db, scope, actor, values }) => {
		await updateOrganisation(db, scope, actor, idParam(event.params.id), values);
		redirect(303, `/t/${event.params.territory}/organisations/${event.params.id}?saved=1`);
	}),
	status: territoryAction('organisation.manage', async ({ event, db, scope, actor, values }) => {
		await changeOrganisationStatus(db, scope, actor, idParam(event.params.id), values);
		redirect(303, `/t/${event.params.territory}/organisations/${event.params.id}?status=1#status`);
	})
};
