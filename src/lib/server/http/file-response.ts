import fs from 'node:fs';
import { Readable } from 'node:stream';

/**
 * A file on disk as an HTTP response, streamed (never read whole): `Accept-Ranges`, one byte range
 * per request (206 with `Content-Range`, 416 when it falls outside the file), an `ETag` from the
 * content's hash with `If-None-Match` (304) and `If-Range`, and the caller's caching rule. Video
 * players ask for ranges to start, seek and resume; a multi-range request gets the whole file
 * (allowed by RFC 9110 §14.2).
 */
export interface FileToServe {
	path: string;
	type: string;
	size: number;
	/** The content's hash (stored with the file), quoted into the ETag. */
	hash: string;
	cacheControl: string;
	/** `attachment; filename=…` for downloads; inline otherwise. */
	disposition?: string;
}

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/** RFC 9110 §14.1.2: `bytes=a-b`, `bytes=a-`, `bytes=-n`. Anything else is ignored (null). */
export function parseRange(header: string | null, size: number): Range {
	if (!header) return null;
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return null;
	if (m[1] === '') {
		const suffix = Number(m[2]);
		if (suffix === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(m[1]);
	const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	if (m[2] !== '' && Number(m[2]) < start) return null;
	if (start >= size) return 'unsatisfiable';
	return { start, end };
}

function matches(list: string | null, etag: string): boolean {
	if (!list) return false;
	return list.split(',').some((tag) => {
		const value = tag.trim();
		return value === '*' || value === etag || value === `W/${etag}`;
	});
}

export function serveFile(request: Request, file: FileToServe): Response {
	const etag = `"${file.hash}"`;
	const headers = new Headers({
		'Content-Type': file.type,
		'Accept-Ranges': 'bytes',
		ETag: etag,
		'Cache-Control': file.cacheControl,
		'Cross-Origin-Resource-Policy': 'same-origin'
	});
	if (file.disposition) headers.set('Content-Disposition', file.disposition);
	if (matches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
	const ifRange = request.headers.get('if-range');
	const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.get('range'), file.size);
	if (range === 'unsatisfiable') {
		headers.set('Content-Range', `bytes */${file.size}`);
		return new Response(null, { status: 416, headers });
	}
	const start = range?.start ?? 0;
	const end = range?.end ?? file.size - 1;
	headers.set('Content-Length', String(file.size === 0 ? 0 : end - start + 1));
	if (range) headers.set('Content-Range', `bytes ${start}-${end}/${file.size}`);
	const status = range ? 206 : 200;
	if (request.method === 'HEAD' || file.size === 0) return new Response(null, { status, headers });
	const stream = fs.createReadStream(file.path, { start, end, highWaterMark: 256 * 1024 });
	return new Response(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, { status, headers });
}
