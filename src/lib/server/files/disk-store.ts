import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { config } from '../config';

/**
 * Files kept on disk under DATA_DIR (videos, posters, signed forms): written from a stream, never
 * held whole in memory, with a size limit counted while they arrive and a type read from their
 * first bytes (`file-type`), never from their name or the browser's word. A refused file leaves
 * nothing behind. Names are random: a file is found through its row, never by a guessed path.
 */

export interface StoredFile {
	/** Name inside the folder (`<uuid>.<ext>`). */
	file: string;
	type: string;
	size: number;
	/** SHA-256 of the content, base64url: the ETag. */
	hash: string;
}

export type StoreRefusal = 'empty' | 'too_large' | 'type';

export class StoreRefusedError extends Error {
	constructor(readonly reason: StoreRefusal) {
		super(`file refused: ${reason}`);
	}
}

/** The folder of a kind of media of a territory, created on first use. */
export function mediaDir(kind: string, territoryId: number): string {
	return path.join(config().dataDir, kind, String(territoryId));
}

/** file-type reads at most this many bytes to recognise a format. */
const SNIFF_BYTES = 4100;

export async function storeStream(
	source: Readable | AsyncIterable<Uint8Array>,
	dir: string,
	limits: { maxBytes: number; types: readonly string[] }
): Promise<StoredFile> {
	await fs.promises.mkdir(dir, { recursive: true });
	const temporary = path.join(dir, `.upload-${randomUUID()}`);
	const hash = createHash('sha256');
	const head: Buffer[] = [];
	let headBytes = 0;
	let size = 0;
	const count = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			size += chunk.byteLength;
			if (size > limits.maxBytes) return done(new StoreRefusedError('too_large'));
			if (headBytes < SNIFF_BYTES) {
				head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
				headBytes += Math.min(chunk.byteLength, SNIFF_BYTES - headBytes);
			}
			hash.update(chunk);
			done(null, chunk);
		}
	});
	try {
		await pipeline(source, count, fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
		if (size === 0) throw new StoreRefusedError('empty');
		const detected = await fileTypeOf(Buffer.concat(head));
		if (!detected || !limits.types.includes(detected.mime)) throw new StoreRefusedError('type');
		const file = `${randomUUID()}.${detected.ext}`;
		await fs.promises.rename(temporary, path.join(dir, file));
		return { file, type: detected.mime, size, hash: hash.digest('base64url') };
	} catch (e) {
		await fs.promises.rm(temporary, { force: true });
		throw e;
	}
}

/** Stores bytes already in memory (a file of a form action, a generated image) the same way. */
export function storeBytes(bytes: Uint8Array, dir: string, limits: { maxBytes: number; types: readonly string[] }): Promise<StoredFile> {
	return storeStream(
		(async function* () {
			yield bytes;
		})(),
		dir,
		limits
	);
}

/** Removes a file no row names any more (a replaced video); a missing file is not an error. */
export async function removeStored(dir: string, file: string | null | undefined): Promise<void> {
	if (!file || file.includes('/') || file.includes('\\') || file.startsWith('.')) return;
	await fs.promises.rm(path.join(dir, file), { force: true });
}

/** The path of a stored file, or null when the name is not one we wrote. */
export function storedPath(dir: string, file: string | null | undefined): string | null {
	if (!file || !/^[0-9a-f-]{36}\.[a-z0-9]{2,5}$/.test(file)) return null;
	return path.join(dir, file);
}

/** The type of a file by its first bytes (file-type, loaded with the first upload), or undefined when unknown or unreadable. */
export async function fileTypeOf(bytes: Uint8Array): Promise<{ ext: string; mime: string } | undefined> {
	const { fileTypeFromBuffer } = await import('file-type');
	return fileTypeFromBuffer(bytes).catch(() => undefined);
}
