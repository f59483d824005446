import { redirect } from '@sveltejs/kit';
import { scopeOf } from '$lib/server/http';
import { publicAction, publicTerritoryLoad } from '$lib/server/http/handlers';
import { requestFormOptions, submitRequest } from '$lib/server/interventions/interventions.public';
import type { Actions, PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

/** Signed in with a verified address (a requester coming back), her name and address are filled in for her. */
export const load: PageServerLoad = publicTerritoryLoad(async ({ event, db, scope }) => {
	const user = event.locals.user;
	return {
		...(await requestFormOptions(db, scope)),
		prefill: user?.emailVerified ? { contactName: user.name, contactEmail: user.email } : {}
	};
});

export const actions: Actions = {
	default: publicAction(async ({ event, db, values }) => {
		await submitRequest(db, scopeOf(event.locals), values, { ip: event.getClientAddress() });
		redirect(303, `/t/${event.params.territory}/demander/merci`);
	})
};
