import { redirect } from '@sveltejs/kit';
import { schoolYearOf } from '$lib/domain/reference';
import { territoryLoad } from '$lib/server/http/handlers';
import { readReportYear } from '$lib/server/report/report.schemas';
import { getReportPdf } from '$lib/server/report/report.usecases';
import { todayInParis } from '$lib/server/shared/paris-time';
import type { RequestHandler } from './$types';

/**
 * The yearly report of a school year (?annee=2025-2026; the current one without it) as a PDF,
 * drawn on the server with the figures of the day: for those holding report.read (coordination,
 * funders). A malformed or far-off year goes to /t/…/bilan, which shows it on the site's error page
 * (an endpoint's own error page is bare and unstyled).
 */
export const GET: RequestHandler = territoryLoad('report.read', async ({ event, db, scope, actor }) => {
	const today = todayInParis();
	const raw = event.url.searchParams.get('annee');
	const read = readReportYear(raw ?? schoolYearOf(today), today);
	if (!read.ok) redirect(303, `/t/${event.params.territory}/bilan?${new URLSearchParams({ annee: raw ?? '' })}`);
	const pdf = await getReportPdf(db, scope, actor, read.schoolYear, event.locals.locale);
	return new Response(new Uint8Array(pdf.bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="bilan-${pdf.slug}-${read.schoolYear}.pdf"`,
			'content-length': String(pdf.bytes.length),
			'cache-control': 'no-store'
		}
	});
});
