import { translator } from '$lib/i18n';
import { dashboardView } from '$lib/server/dashboard/dashboard.presenters';
import { nationalDashboardPage } from '$lib/server/dashboard/dashboard.usecases';
import { platformAdminLoad } from '$lib/server/http/handlers';
import { fieldMessages } from '$lib/server/shared/form';
import type { PageServerLoad } from './$types';

/** Charts are drawn on the server: the page needs no script (and ships no chart library). */
export const csr = false;

/** The national dashboard: every territory's figures, platform administrators only (dashboard.policy.ts). */
export const load: PageServerLoad = platformAdminLoad(async ({ event, db, actor }) => {
	const { locale } = event.locals;
	const t = translator(locale);
	const page = await nationalDashboardPage(db, actor, event.url.searchParams);
	const { schoolYears } = page;
	if (!page.ok) return { view: null, errors: fieldMessages(t, page.errors), values: page.values, schoolYears };
	return { view: dashboardView(page.model, t, locale), errors: {} as Record<string, string>, values: page.model.values, schoolYears };
});
