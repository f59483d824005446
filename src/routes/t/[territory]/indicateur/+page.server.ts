import { translator } from '$lib/i18n';
import { principalOf } from '$lib/server/http';
import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { indicatorFilterValues } from '$lib/server/indicator/indicator.presenters';
import { indicatorPage } from '$lib/server/indicator/indicator.usecases';
import { resolvePeriod } from '$lib/server/indicator/indicator.schemas';
import { indirectExposure } from '$lib/server/portraits/portraits.public';
import { mayReadReport } from '$lib/server/report/report.policy';
import { fieldMessages } from '$lib/server/shared/form';
import { wholePlanTarget } from '$lib/server/targets/targets.usecases';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

export const load: PageServerLoad = publicTerritoryLoad(async ({ event, db, scope }) => {
	const page = await indicatorPage(db, scope, event.url.searchParams);
	const { schoolYears, initiatives } = page;
	// The yearly report's download (its school years are the filter's), for those who may read it.
	const reportYears = mayReadReport(principalOf(event.locals), scope.territoryId) ? schoolYears : null;
	if (!page.ok) {
		// Wrong filters are shown next to their field.
		return {
			indicator: null,
			exposure: null,
			target: null,
			errors: fieldMessages(translator(event.locals.locale), page.errors),
			values: page.values,
			schoolYears,
			initiatives,
			reportYears
		};
	}
	// Plays of the online portraits over the same period: a separate figure, never added to participations.
	const { from, to } = resolvePeriod(page.query);
	const exposure = await indirectExposure(db, scope, { from, to });
	// The whole plan's target for the school year shown, beside the indicator's own figure.
	const target = await wholePlanTarget(db, scope, page.query.schoolYear, page.indicator);
	return {
		indicator: page.indicator,
		exposure,
		target,
		errors: {} as Record<string, string>,
		values: indicatorFilterValues(page.filters),
		schoolYears,
		initiatives,
		reportYears
	};
});
