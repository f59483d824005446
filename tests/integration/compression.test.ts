import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickEncoding } from '../../src/lib/server/compression';
import { serve, stopServer, type ServedApp } from '../support/serve';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-compression-'));
let app: ServedApp;

beforeAll(async () => {
	// serve() itself waits up to 240 s for a start on a loaded machine.
	app = await serve({ DATA_DIR: dataDir });
}, 300_000);
afterAll(async () => {
	if (app) await stopServer(app);
	fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A raw GET (node:http, which never decompresses by itself): headers and the bytes as sent. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
				response.on('error', reject);
			})
			.on('error', reject);
	});
}

describe('HTML pages are compressed like the static files', () => {
	for (const [encoding, decode] of [
		['gzip', zlib.gunzipSync],
		['br', zlib.brotliDecompressSync]
	] as const) {
		it(`a page asked with Accept-Encoding: ${encoding} comes ${encoding}-compressed and decodes to the full page`, async () => {
			const response = await rawGet(`${app.base}/t/flandre-saint-omer`, { accept: 'text/html', 'accept-encoding': encoding });
			expect(response.status).toBe(200);
			expect(response.headers['content-encoding']).toBe(encoding);
			expect(response.headers['vary']).toMatch(/accept-encoding/i);
			expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
			const html = decode(response.body).toString('utf8');
			expect(html).toMatch(/^<!doctype html>/i);
			expect(html).toContain('</html>');
			expect(response.body.length).toBeLessThan(Buffer.byteLength(html) / 2);
		});
	}

	it('a client that accepts no compression gets the page as is', async () => {
		const response = await rawGet(`${app.base}/t/flandre-saint-omer`, { accept: 'text/html' });
		expect(response.status).toBe(200);
		expect(response.headers['content-encoding']).toBeUndefined();
		expect(response.body.toString('utf8')).toMatch(/^<!doctype html>/i);
	});

	it('JSON answers of the API are compressed too', async () => {
		const response = await rawGet(`${app.base}/api/v1/openapi.json`, { 'accept-encoding': 'gzip' });
		expect(response.status).toBe(200);
		expect(response.headers['content-encoding']).toBe('gzip');
		expect(() => JSON.parse(zlib.gunzipSync(response.body).toString('utf8'))).not.toThrow();
	});
});

describe('choosing the encoding from Accept-Encoding', () => {
	it.each([
		[null, null],
		['', null],
		['identity', null],
		['gzip', 'gzip'],
		['gzip, deflate, br, zstd', 'br'],
		['br;q=0, gzip', 'gzip'],
		['gzip;q=0', null],
		['*', 'br'],
		['*;q=0, gzip;q=0.5', 'gzip'],
		['GZIP ; q=0.8', 'gzip'],
		['deflate', null]
	])('%j → %j', (header, expected) => {
		expect(pickEncoding(header)).toBe(expected);
	});
});
