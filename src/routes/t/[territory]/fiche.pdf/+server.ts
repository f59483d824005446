import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { getSheetPdf } from '$lib/server/sheet/sheet.usecases';
import type { RequestHandler } from './$types';

/** The sheet as a PDF, drawn on the server with today's figures (never cached: the figures move). */
export const GET: RequestHandler = publicTerritoryLoad(async ({ event, db, scope }) => {
	const pdf = await getSheetPdf(db, scope, event.locals.locale);
	return new Response(new Uint8Array(pdf.bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="fiche-${pdf.slug}.pdf"`,
			'content-length': String(pdf.bytes.length),
			'cache-control': 'no-store'
		}
	});
});
