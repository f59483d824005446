import { error } from '@sveltejs/kit';
import { schoolYearOf } from '$lib/domain/reference';
import { translator } from '$lib/i18n';
import { territoryLoad } from '$lib/server/http/handlers';
import { readReportYear } from '$lib/server/report/report.schemas';
import { getReportPdf } from '$lib/server/report/report.usecases';
import { todayInParis } from '$lib/server/shared/paris-time';
import type { RequestHandler } from './$types';

/**
 * The yearly report of a school year (?annee=2025-2026; the current one without it) as a PDF,
 * drawn on the server with the figures of the day: for those holding report.read (coordination,
 * funders); a malformed or far-off year is a French 400 page.
 */
export const GET: RequestHandler = territoryLoad('report.read', async ({ event, db, scope, actor }) => {
	const today = todayInParis();
	const read = readReportYear(event.url.searchParams.get('annee') ?? schoolYearOf(today), today);
	if (!read.ok) error(400, { message: translator(event.locals.locale)('validation.school_year') });
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
