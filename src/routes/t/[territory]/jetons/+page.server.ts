import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { authorize, failFromError } from '$lib/server/http';
import { formToObject } from '$lib/server/shared/form';
import { createToken, listTokens, revokeToken, tokenAccess, tokenOrganisationOptions } from '$lib/server/tokens/tokens.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope, principal } = await authorize(event, 'token.manage');
	const db = getApp().database.db;
	const access = tokenAccess(principal, scope.territoryId);
	const [tokens, organisations] = await Promise.all([listTokens(db, scope, access), tokenOrganisationOptions(db, scope, access)]);
	return { tokens, organisations };
};

export const actions: Actions = {
	create: async (event) => {
		const { scope, actor, principal } = await authorize(event, 'token.manage');
		const values = formToObject(await event.request.formData());
		try {
			const created = await createToken(getApp().database.db, scope, actor, tokenAccess(principal, scope.territoryId), values);
			// The token is in this one response and nowhere else: keep it out of every cache.
			event.setHeaders({ 'cache-control': 'no-store' });
			return { created: { name: created.name, token: created.token } };
		} catch (e) {
			return failFromError(event.locals, e, values);
		}
	},
	revoke: async (event) => {
		const { scope, actor, principal } = await authorize(event, 'token.manage');
		const raw = formToObject(await event.request.formData()).id ?? '';
		try {
			await revokeToken(getApp().database.db, scope, actor, tokenAccess(principal, scope.territoryId), /^\d{1,9}$/.test(raw) ? Number(raw) : -1);
		} catch (e) {
			return failFromError(event.locals, e);
		}
		redirect(303, `/t/${event.params.territory}/jetons?revoked=1`);
	}
};
