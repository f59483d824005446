import { getApp } from '$lib/server/app';
import { changePassword, requestErasure } from '$lib/server/accounts/accounts.usecases';
import { failFromError, forwardAuthCookies, requireUser } from '$lib/server/http';
import { formToObject } from '$lib/server/shared/form';
import { logEvent } from '$lib/server/log';
import { listTerritories } from '$lib/server/territories/territories.repository';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const territories = await listTerritories(getApp().database.db);
	const roles = (event.locals.principal?.roles ?? []).map((r) => {
		const territory = territories.find((t) => t.id === r.territoryId);
		return { role: r.role, slug: territory?.slug ?? '', name: territory?.name ?? '' };
	});
	return { account: { name: user.name, email: user.email, twoFactorEnabled: user.twoFactorEnabled, emailVerified: user.emailVerified }, roles };
};

export const actions: Actions = {
	/** Current password, then the new one twice; the other sessions end. */
	password: async (event) => {
		const user = requireUser(event);
		const values = formToObject(await event.request.formData());
		const { database, auth } = getApp();
		try {
			const { headers } = await changePassword(database.db, auth, user, { userId: user.id, label: user.email, ip: event.getClientAddress(), principal: event.locals.principal ?? { userId: user.id, platformAdmin: false, roles: [] } }, values, event.request.headers);
			forwardAuthCookies(headers, event.cookies);
		} catch (e) {
			return failFromError(event.locals, e, {});
		}
		logEvent('info', 'password_changed', { user: user.id });
		return { passwordChanged: true };
	},
	erase: async (event) => {
		const user = requireUser(event);
		await requestErasure(getApp().database.db, user.id);
		logEvent('info', 'erasure_requested', { user: user.id });
		return { erasureRequested: true };
	}
};
