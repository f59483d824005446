import { Readable } from 'node:stream';
import type { RequestEvent } from '@sveltejs/kit';
import busboy from 'busboy';
import { StoreRefusedError, storeStream, type StoredFile } from '../files/disk-store';

/**
 * A large file posted as multipart/form-data (a video), streamed to disk as it arrives: never
 * held whole in memory, whatever its size. The same endpoint serves a form without JavaScript and
 * a page that shows the upload's progress. Bodies up to BODY_SIZE_LIMIT come through SvelteKit's
 * request; a larger one (which SvelteKit refuses before reading a byte) is read from adapter-node's
 * Node request, untouched at that point. These routes are left out of the form guard
 * (form-guard.ts), which would otherwise read the body first.
 */
export const STREAMED_UPLOAD_ROUTES = new Set(['/t/[territory]/portraits/[id]/video']);

async function bodyOf(event: RequestEvent): Promise<AsyncIterable<Uint8Array>> {
	const body = event.request.body;
	if (!body) return Readable.from([]);
	const reader = body.getReader();
	let first: ReadableStreamReadResult<Uint8Array>;
	try {
		first = await reader.read();
	} catch (e) {
		const req = event.platform?.req;
		if ((e as { status?: number }).status === 413 && req && !req.readableEnded) return req;
		throw e;
	}
	return (async function* () {
		let chunk = first;
		while (!chunk.done) {
			yield chunk.value;
			chunk = await reader.read();
		}
	})();
}

/**
 * Stores the file of `field` (the first file of that name; other parts are skipped) into `dir`.
 * `declaredLimit`: a Content-Length above it is refused before reading (the file cannot fit).
 */
export async function receiveStreamedFile(
	event: RequestEvent,
	field: string,
	dir: string,
	limits: { maxBytes: number; types: readonly string[] }
): Promise<StoredFile> {
	const type = event.request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('multipart/form-data')) throw new StoreRefusedError('empty');
	const declared = Number(event.request.headers.get('content-length') ?? NaN);
	// The multipart envelope adds a few hundred bytes around the file.
	if (Number.isFinite(declared) && declared > limits.maxBytes + 64 * 1024) throw new StoreRefusedError('too_large');
	const source = Readable.from(await bodyOf(event));
	return new Promise<StoredFile>((resolve, reject) => {
		let stored: Promise<StoredFile> | null = null;
		let parser: busboy.Busboy;
		try {
			parser = busboy({ headers: { 'content-type': type }, limits: { files: 1, fields: 20, fieldSize: 4096, parts: 30 } });
		} catch {
			reject(new StoreRefusedError('empty'));
			return;
		}
		parser.on('file', (name, stream) => {
			if (name !== field || stored) {
				stream.resume();
				return;
			}
			stored = storeStream(stream, dir, limits);
			// On a refusal (too large, wrong type) stop parsing; the rest of the body is drained.
			stored.catch((e: unknown) => {
				source.unpipe(parser);
				source.resume();
				reject(e);
			});
		});
		parser.on('error', () => reject(new StoreRefusedError('empty')));
		parser.on('close', () => {
			if (!stored) reject(new StoreRefusedError('empty'));
			else stored.then(resolve, reject);
		});
		source.on('error', reject);
		source.pipe(parser);
	});
}
