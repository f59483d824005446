import { getApp } from '$lib/server/app';
import { requestErasure } from '$lib/server/accounts/accounts.usecases';
import { requireUser } from '$lib/server/http';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { account: { name: user.name, email: user.email, twoFactorEnabled: user.twoFactorEnabled, emailVerified: user.emailVerified } };
};

export const actions: Actions = {
	erase: async (event) => {
		const user = requireUser(event);
		await requestErasure(getApp().database.db, user.id);
		logEvent('info', 'erasure_requested', { user: user.id });
		return { erasureRequested: true };
	}
};
