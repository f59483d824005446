import { getApp } from '$lib/server/app';
import { requestErasure } from '$lib/server/accounts/accounts.usecases';
import { requireUser } from '$lib/server/http';
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
	erase: async (event) => {
		const user = requireUser(event);
		await requestErasure(getApp().database.db, user.id);
		logEvent('info', 'erasure_requested', { user: user.id });
		return { erasureRequested: true };
	}
};
