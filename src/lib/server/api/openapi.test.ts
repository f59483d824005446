import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

const API_DIR = path.resolve(import.meta.dirname, '../../../routes/api/v1');

/** Every +server.ts under routes/api/v1, as an OpenAPI path template. */
function apiRoutes(dir = API_DIR, prefix = ''): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (entry.isDirectory()) return apiRoutes(path.join(dir, entry.name), `${prefix}/${entry.name.replace(/^\[(\w+)\]$/, '{$1}')}`);
		return entry.name === '+server.ts' ? [prefix] : [];
	});
}

describe('the OpenAPI 3.1 document of API v1', () => {
	it('documents every API route, and only routes that exist', () => {
		const doc = openApiDocument('http://localhost');
		expect(doc.openapi).toBe('3.1.0');
		const routes = apiRoutes()
			.filter((r) => r !== '/openapi.json')
			.sort();
		expect(routes.length).toBeGreaterThan(0);
		expect(Object.keys(doc.paths).sort()).toEqual(routes);
	});

	it('every $ref points to a defined schema', () => {
		const doc = openApiDocument('http://localhost');
		const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
		for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref.split('/').pop()!);
	});
});
