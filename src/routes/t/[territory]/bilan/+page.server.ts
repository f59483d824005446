import { error } from '@sveltejs/kit';
import { schoolYearOf } from '$lib/domain/reference';
import { translator } from '$lib/i18n';
import { territoryLoad } from '$lib/server/http/handlers';
import { readReportYear } from '$lib/server/report/report.schemas';
import { todayInParis } from '$lib/server/shared/paris-time';
import type { PageServerLoad } from './$types';

/**
 * The yearly report of a school year as a page: its download link, or, for a refused year, the site's
 * own error page (layout, style, a way back). bilan.pdf sends a refused year here: SvelteKit answers
 * an endpoint's error with a bare page of its own, whose inline style the CSP blocks.
 */
export const load: PageServerLoad = territoryLoad('report.read', async ({ event }) => {
	const raw = event.url.searchParams.get('annee');
	const read = readReportYear(raw ?? schoolYearOf(todayInParis()), todayInParis());
	if (!read.ok) error(400, { message: translator(event.locals.locale)('validation.school_year') });
	return { schoolYear: read.schoolYear };
});
