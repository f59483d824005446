import type { RequestEvent } from '@sveltejs/kit';
import { translator } from '../../i18n';
import { getApp } from '../app';
import { logEvent } from '../log';
import { ConflictError, DomainError, NotFoundError, ValidationError, type FieldErrors } from '../shared/errors';
import { API_SCHEMAS, type ApiSchemaName } from './openapi';
import type { Actor, TerritoryScope } from '../shared/scope';
import { authenticateToken } from '../tokens/tokens.usecases';
import type { Db } from '../db/client';
import { requestFingerprint, runIdempotent, type ApiAnswer } from './idempotency.usecases';
import type { ActivitySnapshot } from '../activities/activities.repository';

/*
 * The HTTP side of the token-authenticated API: who calls (the token), how bodies are read, and
 * how domain errors become JSON. Its answers are described in openapi.ts.
 */


/** API shape of one activity: explicit fields, never the ORM row. */
export function presentActivity(a: ActivitySnapshot) {
	return {
		id: a.id,
		initiativeId: a.initiativeId,
		type: a.type,
		title: a.title,
		date: a.date,
		communeCode: a.communeCode,
		hostOrganisationId: a.hostOrganisationId,
		status: a.status,
		notes: a.notes,
		cancelReason: a.cancelReason,
		version: a.version,
		audiences: a.audiences.map((c) => ({ audience: c.audience, level: c.level, count: c.count }))
	};
}

/** A body that is not JSON at all: 415, before anything is read. */
export class UnsupportedMediaTypeError extends Error {
	constructor() {
		super('request.unsupported_media_type');
	}
}

/**
 * The request body as a JSON object, checked strictly: sent as `application/json` (else 415),
 * an object (else 400), no NUL character in any string (PostgreSQL refuses it in text: a field
 * error, never a 500), and when `contract` names a schema of openapi.ts, every integer it declares
 * is a JSON number — `true` or `"12"` are refused, not read as 1 or 12.
 */
export async function readJsonObject(request: Request, contract?: ApiSchemaName): Promise<Record<string, unknown>> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (type !== 'application/json' && !/^application\/[\w.-]+\+json$/.test(type)) throw new UnsupportedMediaTypeError();
	const body: unknown = await request.json().catch(() => undefined);
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DomainError('request.invalid_json', 400);
	const fields: FieldErrors = {};
	for (const path of stringsWithNul(body)) fields[path] ??= { key: 'request.nul_character' };
	if (contract) for (const path of integersNotNumbers(body, API_SCHEMAS[contract] as JsonSchema)) fields[path] ??= { key: 'request.expected_integer' };
	if (Object.keys(fields).length) throw new ValidationError(fields);
	return body as Record<string, unknown>;
}

function stringsWithNul(value: unknown, path = ''): string[] {
	if (typeof value === 'string') return value.includes('\0') ? [path || '_form'] : [];
	if (Array.isArray(value)) return value.flatMap((v, i) => stringsWithNul(v, join(path, String(i))));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k.includes('\0') ? [path || '_form'] : stringsWithNul(v, join(path, k))));
	return [];
}

const join = (path: string, part: string) => (path ? `${path}.${part}` : part);

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; $ref?: string; [other: string]: unknown };

/** The paths where the documented schema says integer and the body holds something else (null only where allowed). */
function integersNotNumbers(value: unknown, schema: JsonSchema | undefined, path = ''): string[] {
	if (!schema) return [];
	if (schema.$ref) return integersNotNumbers(value, API_SCHEMAS[schema.$ref.split('/').pop() as ApiSchemaName] as JsonSchema, path);
	const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
	if (types.includes('integer') && value !== undefined) {
		if (value === null && types.includes('null')) return [];
		return typeof value === 'number' ? [] : [path];
	}
	if (schema.items && Array.isArray(value)) return value.flatMap((v, i) => integersNotNumbers(v, schema.items, join(path, String(i))));
	if (schema.properties && value && typeof value === 'object' && !Array.isArray(value)) {
		return Object.entries(schema.properties).flatMap(([k, s]) => integersNotNumbers((value as Record<string, unknown>)[k], s, join(path, k)));
	}
	return [];
}

/**
 * Domain errors → JSON responses of the API: French messages, field errors under `fields`,
 * the same 404 whatever was not found (nothing is revealed about other territories' data).
 */
export function apiErrorResponse(e: unknown): Response {
	const t = translator('fr');
	if (e instanceof ValidationError) {
		const fields = Object.fromEntries(Object.entries(e.fields).map(([field, m]) => [field, t(m.key, m.params)]));
		return Response.json({ error: 'validation.failed', message: t('tokens.api_validation'), fields }, { status: 422 });
	}
	// Only the activity use cases raise conflicts here; their `current` is the stored activity.
	if (e instanceof ConflictError) return Response.json({ error: e.code, message: t('error.conflict'), current: presentActivity(e.current as ActivitySnapshot) }, { status: 409 });
	if (e instanceof DomainError && e.status === 401) {
		logEvent('warn', 'api_token_refused', { code: e.code });
		return Response.json({ error: 'unauthorized', message: t('tokens.api_unauthorized') }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="mixite"' } });
	}
	if (e instanceof DomainError && e.status === 404) return Response.json({ error: 'not_found', message: t('tokens.api_not_found') }, { status: 404 });
	if (e instanceof DomainError && e.code === 'request.invalid_json') return Response.json({ error: e.code, message: t('tokens.api_invalid_json') }, { status: 400 });
	if (e instanceof UnsupportedMediaTypeError) return Response.json({ error: 'request.unsupported_media_type', message: t('request.unsupported_media_type') }, { status: 415, headers: { Accept: 'application/json' } });
	if (e instanceof DomainError && e.code === 'idempotency.invalid_key') return Response.json({ error: e.code, message: t('request.idempotency_invalid_key') }, { status: 400 });
	if (e instanceof DomainError && e.code === 'idempotency.key_reused') return Response.json({ error: e.code, message: t('request.idempotency_key_reused') }, { status: 422 });
	if (e instanceof DomainError && e.code === 'idempotency.in_progress') return Response.json({ error: e.code, message: t('request.idempotency_in_progress') }, { status: 409, headers: { 'Retry-After': '1' } });
	throw e;
}


/** The token's actor in the territory of the URL; an unknown territory is a 404. */
export async function authorizeToken(event: RequestEvent): Promise<{ scope: TerritoryScope; actor: Actor }> {
	const scope = event.locals.scope;
	if (!scope) throw new NotFoundError('territories.not_found');
	const actor = await authenticateToken(getApp().database.db, scope, event.request.headers.get('authorization'), { ip: event.getClientAddress() });
	return { scope, actor };
}

/**
 * A POST carried out at most once per Idempotency-Key (when the client sends one): the answer
 * is stored with the write, in its transaction, and replayed to a retry with the header
 * `Idempotent-Replayed: true`. Without the header, the write simply runs.
 */
export async function idempotentPost(
	event: RequestEvent,
	scope: TerritoryScope,
	actor: Actor,
	body: Record<string, unknown>,
	write: (db: Db) => Promise<ApiAnswer>
): Promise<Response> {
	const db = getApp().database.db;
	const key = event.request.headers.get('idempotency-key');
	const { answer, replayed } =
		key === null
			? { answer: await write(db), replayed: false }
			: await runIdempotent(db, scope, { caller: actor.userId, key, fingerprint: requestFingerprint('POST', event.url.pathname, body) }, write);
	const headers: Record<string, string> = answer.location ? { Location: answer.location } : {};
	if (replayed) headers['Idempotent-Replayed'] = 'true';
	return Response.json(answer.body, { status: answer.status, headers });
}
