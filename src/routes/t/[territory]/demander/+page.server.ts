import { redirect } from '@sveltejs/kit';
import { scopeOf } from '$lib/server/http';
import { publicAction, publicTerritoryLoad } from '$lib/server/http/handlers';
import { requestFormOptions, submitRequest } from '$lib/server/interventions/interventions.public';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = publicTerritoryLoad(({ db, scope }) => requestFormOptions(db, scope));

export const actions: Actions = {
	default: publicAction(async ({ event, db, values }) => {
		await submitRequest(db, scopeOf(event.locals), values, { ip: event.getClientAddress() });
		redirect(303, `/t/${event.params.territory}/demander/merci`);
	})
};
