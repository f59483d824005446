import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { RoleModelNotFoundError } from '$lib/server/role-models/role-models.errors';
import { witnessPhoto } from '$lib/server/role-models/role-models.photos';
import { parseRecordId } from '$lib/server/shared/schemas';
import type { RequestHandler } from './$types';

/**
 * The public photo, only while her consent holds (else 404). Browsers keep it but ask again each
 * time (no-cache + ETag: a 304 costs nothing), so that a withdrawn consent hides it at once.
 */
export const GET: RequestHandler = publicTerritoryLoad(async ({ event, db, scope }) => {
	const id = parseRecordId(event.params.id);
	if (id === null) throw new RoleModelNotFoundError();
	const photo = await witnessPhoto(db, scope, id);
	const etag = `"${id}-${photo.uploadedAt.getTime()}"`;
	const headers = {
		'content-type': photo.contentType,
		'x-content-type-options': 'nosniff',
		'cache-control': 'public, no-cache',
		etag,
		'last-modified': photo.uploadedAt.toUTCString()
	};
	if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(new Uint8Array(photo.bytes), { headers: { ...headers, 'content-length': String(photo.bytes.byteLength) } });
});
