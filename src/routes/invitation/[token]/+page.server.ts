import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { acceptInvitation, invitationOverview, joinTerritory } from '$lib/server/accounts/accounts.invitations';
import { forwardAuthCookies } from '$lib/server/http';
import { accountAction, publicAction } from '$lib/server/http/handlers';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => ({
	invitation: await invitationOverview(getApp().database.db, params.token),
	// Who is signed in decides what the page offers: accept (her address), sign out (another one), or create the account.
	signedInEmail: locals.user?.email ?? null
});

/** Where she lands once in: a role model on her interventions (the proposals waiting for her answer first), anyone else on the territory. */
const landing = (slug: string | null, roleModel: boolean) => (slug ? (roleModel ? `/t/${slug}/mes-interventions` : `/t/${slug}`) : '/');

export const actions: Actions = {
	/** No account yet for the invited address: it is created, signed in, with its first membership (named: SvelteKit allows no default beside `join`). */
	create: publicAction(async ({ event, db, values }) => {
		const { headers, territorySlug, roleModel } = await acceptInvitation(db, await getApp().auth(), event.params.token, values);
		forwardAuthCookies(headers, event.cookies);
		logEvent('info', 'account_created', { via: 'invitation' });
		redirect(303, landing(territorySlug, roleModel));
	}),
	/** The invited address already has an account and she is signed in with it: one more membership. */
	join: accountAction(async ({ event, db, user }) => {
		const actor = {
			userId: user.id,
			label: user.email,
			ip: event.getClientAddress(),
			principal: event.locals.principal ?? { userId: user.id, platformAdmin: false, roles: [] }
		};
		const { territorySlug, roleModel } = await joinTerritory(db, event.params.token, user, actor);
		logEvent('info', 'membership_added', { user: user.id, via: 'invitation' });
		redirect(303, landing(territorySlug, roleModel));
	})
};
