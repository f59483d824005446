import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRange, serveFile } from './file-response';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-range-'));
const file = path.join(dir, 'video.webm');
fs.writeFileSync(file, Buffer.from('0123456789'));
const served = { path: file, type: 'video/webm', size: 10, hash: 'abc', cacheControl: 'public, no-cache' };
const get = (headers: Record<string, string> = {}, method = 'GET') => serveFile(new Request('http://x/v', { method, headers }), served);

describe('files served with byte ranges', () => {
	it('reads the three forms of a byte range and refuses what falls outside the file', () => {
		expect(parseRange('bytes=0-', 10)).toEqual({ start: 0, end: 9 });
		expect(parseRange('bytes=2-4', 10)).toEqual({ start: 2, end: 4 });
		expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
		expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
		expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
		expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
		expect(parseRange('bytes=4-2', 10)).toBeNull();
		expect(parseRange('bytes=0-1,3-4', 10)).toBeNull();
		expect(parseRange('items=0-1', 10)).toBeNull();
	});

	it('answers 200 with the whole file, 206 with a part, 416 outside, 304 when the ETag matches', async () => {
		const whole = get();
		expect(whole.status).toBe(200);
		expect(Object.fromEntries(whole.headers)).toMatchObject({ 'accept-ranges': 'bytes', 'content-length': '10', etag: '"abc"', 'content-type': 'video/webm' });
		expect(await whole.text()).toBe('0123456789');
		const part = get({ range: 'bytes=2-4' });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
		expect(await part.text()).toBe('234');
		const outside = get({ range: 'bytes=20-' });
		expect(outside.status).toBe(416);
		expect(outside.headers.get('content-range')).toBe('bytes */10');
		expect(get({ 'if-none-match': '"abc"' }).status).toBe(304);
		// A range for another version of the file gets the whole new file.
		expect(get({ range: 'bytes=2-4', 'if-range': '"old"' }).status).toBe(200);
		const head = get({ range: 'bytes=0-0' }, 'HEAD');
		expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([206, '1', '']);
	});
});
