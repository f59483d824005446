import { deactivateAccount, endMembership, listMembers } from '$lib/server/accounts/accounts.usecases';
import { inviteUser } from '$lib/server/accounts/accounts.invitations';
import { mayDeactivateAccount } from '$lib/server/accounts/accounts.policy';
import { config } from '$lib/server/config';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('user.manage', async ({ db, scope, principal }) => ({
	...(await listMembers(db, scope)),
	currentUserId: principal.userId,
	// Only a platform administrator deactivates an account (it spans every territory).
	canDeactivate: mayDeactivateAccount(principal)
}));

/** The person acted on is named by a hidden field; a refusal echoes nothing back. */
const echoNothing = () => ({});

export const actions: Actions = {
	invite: territoryAction('user.manage', async ({ db, scope, actor, values }) => {
		await inviteUser(db, scope, actor, values, config().baseURL);
		return { invited: String(values.email ?? '') };
	}),
	/** Ends the person's membership of this territory (her roles here); her account and other territories stay. */
	end: territoryAction(
		'user.manage',
		async ({ db, scope, actor, principal, values }) => {
			await endMembership(db, scope, principal, actor, String(values.userId ?? '').slice(0, 100));
			return { ended: true };
		},
		{ echo: echoNothing }
	),
	deactivate: territoryAction(
		'user.manage',
		async ({ db, actor, principal, values }) => {
			await deactivateAccount(db, principal, actor, String(values.userId ?? '').slice(0, 100));
			return { deactivated: true };
		},
		{ echo: echoNothing }
	)
};
