import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { parseRecordId } from '$lib/server/shared/schemas';
import { createToken, listTokens, revokeToken, tokenOrganisationOptions, tokenRoleOptions } from '$lib/server/tokens/tokens.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('token.manage', async ({ db, scope, principal }) => {
	const [tokens, organisations] = await Promise.all([listTokens(db, scope, principal), tokenOrganisationOptions(db, scope, principal)]);
	return { tokens, organisations, roles: tokenRoleOptions(scope, principal) };
});

export const actions: Actions = {
	create: territoryAction('token.manage', async ({ event, db, scope, actor, principal, values }) => {
		const created = await createToken(db, scope, actor, principal, values);
		// The token is in this one response and nowhere else: keep it out of every cache.
		event.setHeaders({ 'cache-control': 'no-store' });
		return { created: { name: created.name, token: created.token } };
	}),
	revoke: territoryAction(
		'token.manage',
		async ({ event, db, scope, actor, principal, values }) => {
			// A malformed id names no token: the same "not found" as an unknown one.
			await revokeToken(db, scope, actor, principal, parseRecordId(values.id) ?? -1);
			redirect(303, `/t/${event.params.territory}/jetons?revoked=1`);
		},
		{ echo: () => ({}) }
	)
};
