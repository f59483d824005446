import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { createOrganisation, organisationFormOptions } from '$lib/server/organisations/organisations.usecases';
import type { Actions, PageServerLoad } from './$types';

/** A link may prefill the form (e.g. from a request whose school is not yet in the directory): ?name=…&kind=…&uai=…&communeCode=… */
const PREFILL = ['name', 'kind', 'uai', 'communeCode'] as const;

export const load: PageServerLoad = territoryLoad('organisation.manage', async ({ event, db, scope }) => ({
	options: await organisationFormOptions(db, scope),
	prefill: Object.fromEntries(PREFILL.map((field) => [field, event.url.searchParams.get(field) ?? '']))
}));

export const actions: Actions = {
	default: territoryAction('organisation.manage', async ({ event, db, scope, actor, values }) => {
		const { id } = await createOrganisation(db, scope, actor, values);
		redirect(303, `/t/${event.params.territory}/organisations/${id}?created=1`);
	})
};
