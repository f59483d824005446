import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpointMethods } from '../../../../tests/support/source-ast';
import { API_SCHEMAS, openApiDocument } from './openapi';

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
		const onTheSite = (item: object) => 'servers' in item;
		expect(
			Object.entries(doc.paths)
				.filter(([, item]) => !onTheSite(item))
				.map(([p]) => p)
				.sort()
		).toEqual(routes);
		// Downloads documented with the API (open data) are pages of the site: their own `servers`, a route on disk.
		for (const [p, item] of Object.entries(doc.paths).filter(([, item]) => onTheSite(item))) {
			expect((item as { servers: { url: string }[] }).servers, p).toEqual([{ url: 'http://localhost' }]);
			const file = path.join(API_DIR, '../..', ...p.split('/').map((part) => part.replace(/^\{(\w+)\}$/, '[$1]')), '+server.ts');
			expect(fs.existsSync(file), file).toBe(true);
		}
	});

	it('documents each method a route exports (GET, POST…), and only those', () => {
		const doc = openApiDocument('http://localhost') as { paths: Record<string, Record<string, unknown>> };
		for (const route of apiRoutes().filter((r) => r !== '/openapi.json')) {
			const file = path.join(API_DIR, ...route.split('/').map((part) => part.replace(/^\{(\w+)\}$/, '[$1]')), '+server.ts');
			const exported = endpointMethods(file, fs.readFileSync(file, 'utf8')).map((m) => m.toLowerCase());
			expect(Object.keys(doc.paths[route]!).sort(), route).toEqual(exported.sort());
		}
	});

	it('documents the requests, interventions and role-model profiles of the role-model network, each read behind a token', () => {
		const doc = openApiDocument('http://localhost') as unknown as {
			paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
		};
		for (const route of ['requests', 'requests/{id}', 'interventions', 'role-models', 'role-models/{id}']) {
			const get = doc.paths[`/territories/{territory}/${route}`]?.get;
			expect(get?.security, route).toEqual([{ bearerAuth: [] }]);
			// Lists also answer 422 to a malformed filter.
			expect(Object.keys(get!.responses).sort(), route).toEqual(route.endsWith('{id}') ? ['200', '401', '404'] : ['200', '401', '404', '422']);
		}
		const move = doc.paths['/territories/{territory}/requests/{id}/moves']!.post!;
		expect(Object.keys(move.responses).sort()).toEqual(['200', '400', '401', '404', '409', '415', '422']);
		const moveInput = API_SCHEMAS.RequestMoveInput as { required: string[]; properties: Record<string, { enum?: string[] }> };
		expect(moveInput.required).toEqual(['move']);
		expect(moveInput.properties.move!.enum).toEqual(['qualify', 'propose', 'reschedule', 'confirm', 'complete', 'decline', 'cancel']);
		const request = JSON.stringify(API_SCHEMAS.Request);
		expect(request).toContain('"history"');
		expect(request).toContain('"speakers"');
	});

	it('every $ref points to a defined schema', () => {
		const doc = openApiDocument('http://localhost');
		const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
		for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref.split('/').pop()!);
	});

	it('every token-read list with query filters documents the 422 of an unknown or malformed filter', () => {
		const doc = openApiDocument('http://localhost');
		type Operation = { security?: unknown; parameters?: { in: string }[]; responses: Record<string, unknown> };
		const filtered = Object.entries(doc.paths as Record<string, { get?: Operation }>).filter(
			([, item]) => item.get?.security && item.get.parameters?.some((p) => p.in === 'query')
		);
		expect(filtered.map(([route]) => route).sort()).toEqual(
			[
				'/territories/{territory}/activities',
				'/territories/{territory}/interventions',
				'/territories/{territory}/requests',
				'/territories/{territory}/role-models'
			].sort()
		);
		for (const [route, item] of filtered) expect(item.get!.responses, route).toHaveProperty('422');
	});

	it('every read with query parameters, public or not, documents the 422 of a wrong parameter, and the indicator its French labels', () => {
		const doc = openApiDocument('http://localhost');
		type Operation = { parameters?: { in: string }[]; responses: Record<string, { description?: string }> };
		const withQuery = Object.entries(doc.paths as Record<string, { get?: Operation }>).filter(([, item]) =>
			item.get?.parameters?.some((p) => p.in === 'query')
		);
		expect(withQuery.map(([route]) => route)).toEqual(expect.arrayContaining(['/territories/{territory}/indicator', '/indicator']));
		for (const [route, item] of withQuery) expect(item.get!.responses, route).toHaveProperty('422');
		expect(doc.paths['/territories/{territory}/indicator'].get.responses['422'].description).toContain('initiativeId');
		expect(JSON.stringify(API_SCHEMAS.Figure)).toContain('Libellé en français');
	});
});
