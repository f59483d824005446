import { translator } from '$lib/i18n';
import { dashboardView } from '$lib/server/dashboard/dashboard.presenters';
import { dashboardPage } from '$lib/server/dashboard/dashboard.usecases';
import { territoryLoad } from '$lib/server/http/handlers';
import { fieldMessages } from '$lib/server/shared/form';
import type { PageServerLoad } from './$types';

/** Charts are drawn on the server: the page needs no script (and ships no chart library). */
export const csr = false;

/** The dashboard: coordinators and funders the whole territory, a partner her initiatives (dashboard.policy.ts). */
export const load: PageServerLoad = territoryLoad('dashboard.read', async ({ event, db, scope, actor }) => {
	const { locale } = event.locals;
	const t = translator(locale);
	const page = await dashboardPage(db, scope, actor, event.url.searchParams);
	const { schoolYears, initiatives } = page;
	if (!page.ok) return { view: null, errors: fieldMessages(t, page.errors), values: page.values, schoolYears, initiatives };
	return { view: dashboardView(page.model, t, locale), errors: {} as Record<string, string>, values: page.model.values, schoolYears, initiatives };
});
