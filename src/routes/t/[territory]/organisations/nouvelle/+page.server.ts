import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { createOrganisation, organisationFormOptions } from '$lib/server/organisations/organisations.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('organisation.manage', async ({ db, scope }) => ({ options: await organisationFormOptions(db, scope) }));

export const actions: Actions = {
	default: territoryAction('organisation.manage', async ({ event, db, scope, actor, values }) => {
		const { id } = await createOrganisation(db, scope, actor, values);
		redirect(303, `/t/${event.params.territory}/organisations/${id}?created=1`);
	})
};
