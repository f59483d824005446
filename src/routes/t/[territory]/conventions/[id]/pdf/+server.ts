import { territoryLoad } from '$lib/server/http/handlers';
import { parseRecordId } from '$lib/server/shared/schemas';
import { AgreementNotFoundError } from '$lib/server/agreements/agreements.errors';
import { getAgreementFile } from '$lib/server/agreements/agreements.usecases';
import type { RequestHandler } from './$types';

/** RFC 6266: an ASCII fallback for old clients, the exact UTF-8 name for the others. */
function attachment(name: string): string {
	const ascii =
		name
			.normalize('NFD')
			.replace(/[^\x20-\x7e]/g, '')
			.replace(/["\\]/g, '')
			.trim() || 'convention.pdf';
	const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// The same French 404 whether the id is malformed, unknown or another territory's (territoryLoad turns a not-found into it).
export const GET: RequestHandler = territoryLoad('agreement.read', async ({ event, db, scope, principal }) => {
	const id = parseRecordId(event.params.id);
	if (id === null) throw new AgreementNotFoundError();
	const file = await getAgreementFile(db, scope, principal, id);
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': attachment(file.name),
			'content-length': String(file.size),
			'cache-control': 'private, no-store'
		}
	});
});
