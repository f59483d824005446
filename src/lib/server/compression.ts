import type { Handle } from '@sveltejs/kit';
import { Readable, pipeline } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import zlib from 'node:zlib';

/**
 * Compression of what SvelteKit renders (pages, JSON, CSV). adapter-node's `precompress` only covers the
 * static files under /_app; the pages themselves went out uncompressed. Done here, in a hook, rather than
 * around the Node server, so that it works the same with `mixite serve`, `node build` and `vite dev`.
 */

/** Media types worth compressing; PDFs and images (already compressed) are left alone. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/i;
/** Below this size the compressed body is barely smaller and costs a round of zlib for nothing. */
const MIN_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (RFC 9110 §12.5.3): brotli, then gzip; `q=0` refuses; `*` means either. */
export function pickEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const q = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const value = weight ? Number(weight.slice(2)) : 1;
		q.set(name.trim(), Number.isFinite(value) ? value : 0);
	}
	const accepts = (name: Encoding) => (q.get(name) ?? q.get('*') ?? 0) > 0;
	if (accepts('br')) return 'br';
	if (accepts('gzip')) return 'gzip';
	return null;
}

function compressor(encoding: Encoding): zlib.BrotliCompress | zlib.Gzip {
	// Flush after each chunk SvelteKit writes, so a streamed page still reaches the browser piece by piece.
	return encoding === 'br'
		? zlib.createBrotliCompress({
				flush: zlib.constants.BROTLI_OPERATION_FLUSH,
				params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT }
			})
		: zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH });
}

/** Outermost hook: compresses the final response (after every other hook has set its headers). */
export const compress: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const encoding = pickEncoding(event.request.headers.get('accept-encoding'));
	const length = response.headers.get('content-length');
	if (
		!encoding ||
		!response.body ||
		event.request.method === 'HEAD' ||
		response.status === 204 ||
		response.status === 304 ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(response.headers.get('content-type') ?? '') ||
		(length !== null && Number(length) < MIN_BYTES)
	) {
		return response;
	}
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	headers.set('content-encoding', encoding);
	headers.append('vary', 'Accept-Encoding');
	const body = compressor(encoding);
	// pipeline, not pipe: an error or an aborted download on either side tears both streams down.
	pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), body, () => {});
	return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status: response.status, statusText: response.statusText, headers });
};
