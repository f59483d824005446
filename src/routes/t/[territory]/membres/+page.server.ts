import { getApp } from '$lib/server/app';
import { deactivateAccount, endMembership, inviteUser, listMembers } from '$lib/server/accounts/accounts.usecases';
import { config } from '$lib/server/config';
import { authorize, failFromError } from '$lib/server/http';
import { listOrganisations } from '$lib/server/organisations/organisations.repository';
import { formToObject } from '$lib/server/shared/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope, principal } = await authorize(event, 'user.manage');
	const db = getApp().database.db;
	const [members, organisations] = await Promise.all([listMembers(db, scope), listOrganisations(db, scope)]);
	return {
		...members,
		currentUserId: event.locals.user!.id,
		// Only a platform administrator deactivates an account (it spans every territory).
		canDeactivate: principal.platformAdmin,
		organisations: organisations.map((o) => ({ id: o.id, name: o.name }))
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const { scope, actor } = await authorize(event, 'user.manage');
		const values = formToObject(await event.request.formData());
		try {
			await inviteUser(getApp().database.db, scope, actor, values, config().baseURL);
		} catch (e) {
			return failFromError(event.locals, e, values);
		}
		return { invited: String(values.email ?? '') };
	},
	/** Ends the person's membership of this territory (her roles here); her account and other territories stay. */
	end: async (event) => {
		const { scope, actor, principal } = await authorize(event, 'user.manage');
		const values = formToObject(await event.request.formData());
		try {
			await endMembership(getApp().database.db, scope, principal, actor, String(values.userId ?? '').slice(0, 100));
		} catch (e) {
			return failFromError(event.locals, e, {});
		}
		return { ended: true };
	},
	deactivate: async (event) => {
		const { actor, principal } = await authorize(event, 'user.manage');
		const values = formToObject(await event.request.formData());
		try {
			await deactivateAccount(getApp().database.db, principal, actor, String(values.userId ?? '').slice(0, 100));
		} catch (e) {
			return failFromError(event.locals, e, {});
		}
		return { deactivated: true };
	}
};
