import { getApp } from '$lib/server/app';
import { accountOverview, changePassword, requestErasure } from '$lib/server/accounts/accounts.usecases';
import { forwardAuthCookies, requireUser } from '$lib/server/http';
import { accountAction } from '$lib/server/http/handlers';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => accountOverview(getApp().database.db, requireUser(event), event.locals.principal);

export const actions: Actions = {
	/** Current password, then the new one twice; the other sessions end. */
	password: accountAction(async ({ event, db, user, values }) => {
		const actor = {
			userId: user.id,
			label: user.email,
			ip: event.getClientAddress(),
			principal: event.locals.principal ?? { userId: user.id, platformAdmin: false, roles: [] }
		};
		const { headers } = await changePassword(db, await getApp().auth(), user, actor, values, event.request.headers);
		forwardAuthCookies(headers, event.cookies);
		logEvent('info', 'password_changed', { user: user.id });
		return { passwordChanged: true };
	}),
	erase: accountAction(async ({ db, user }) => {
		await requestErasure(db, user.id);
		logEvent('info', 'erasure_requested', { user: user.id });
		return { erasureRequested: true };
	})
};
