import type { RequestEvent } from '@sveltejs/kit';
import { translator, type MessageKey } from '../../i18n';
import { getApp } from '../app';
import { logEvent } from '../log';
import { ConflictError, DomainError, NotFoundError, ValidationError, type FieldErrors } from '../shared/errors';
import { API_SCHEMAS, type ApiSchemaName } from './openapi';
import type { Actor, TerritoryScope } from '../shared/scope';
import { authenticateToken, type TokenActor } from '../tokens/tokens.usecases';
import { TokenReadOnlyError } from '../tokens/tokens.errors';
import type { Db } from '../db/client';
import { requestFingerprint, runIdempotent, type ApiAnswer } from './idempotency.usecases';
import type { ActivitySnapshot } from '../activities/activities.repository';
import { presentActivity } from '../activities/activities.presenters';
import { TerritoryArchivedError } from '../territories/territories.errors';

/*
 * The HTTP side of the token-authenticated API: who calls (the token), how bodies are read, and
 * how domain errors become JSON. Its answers are described in openapi.ts.
 */

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
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => (k.includes('\0') ? [path || '_form'] : stringsWithNul(v, join(path, k))));
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

/** How an error code becomes an API answer: status, French message, extra headers, a log line. */
interface ApiErrorRule {
	readonly status: number;
	readonly message: MessageKey;
	/** The `error` field of the body when it is not the code itself (every 401 and 404 look alike). */
	readonly error?: string;
	readonly headers?: Record<string, string>;
	readonly log?: string;
}

/** Codes with their own answer. */
const API_ERRORS_BY_CODE: Record<string, ApiErrorRule> = {
	'request.invalid_json': { status: 400, message: 'tokens.api_invalid_json' },
	'request.unsupported_media_type': { status: 415, message: 'request.unsupported_media_type', headers: { Accept: 'application/json' } },
	'idempotency.invalid_key': { status: 400, message: 'request.idempotency_invalid_key' },
	'idempotency.key_reused': { status: 422, message: 'request.idempotency_key_reused' },
	'idempotency.in_progress': { status: 409, message: 'request.idempotency_in_progress', headers: { 'Retry-After': '1' } },
	'territories.archived': { status: 409, message: 'territories.archived' },
	'intervention_request.move_not_allowed': { status: 409, message: 'interventions.move_not_allowed' },
	'intervention_request.move_needs_speaker': { status: 409, message: 'interventions.nobody_accepted' }
};

/**
 * Other domain errors, by status: whatever was not found (another territory's record, an
 * unknown one, one out of reach) is the same 404; whatever the token's problem, the same 401.
 */
const API_ERRORS_BY_STATUS: Partial<Record<number, ApiErrorRule>> = {
	401: {
		status: 401,
		error: 'unauthorized',
		message: 'tokens.api_unauthorized',
		headers: { 'WWW-Authenticate': 'Bearer realm="mixite"' },
		log: 'api_token_refused'
	},
	404: { status: 404, error: 'not_found', message: 'tokens.api_not_found' }
};

/**
 * Domain errors → JSON responses of the API: French messages, field errors under `fields`,
 * a conflict with the stored record, then the rules above. Anything else is not the client's
 * fault and goes on to the server's error handling.
 */
export function apiErrorResponse(e: unknown): Response {
	const t = translator('fr');
	if (e instanceof ValidationError) {
		const fields = Object.fromEntries(Object.entries(e.fields).map(([field, m]) => [field, t(m.key, m.params)]));
		return Response.json({ error: 'validation.failed', message: t('tokens.api_validation'), fields }, { status: 422 });
	}
	// Only the activity use cases raise conflicts here; their `current` is the stored activity.
	if (e instanceof ConflictError)
		return Response.json({ error: e.code, message: t('error.conflict'), current: presentActivity(e.current as ActivitySnapshot) }, { status: 409 });
	const code = e instanceof DomainError ? e.code : e instanceof UnsupportedMediaTypeError ? e.message : null;
	if (code === null) throw e;
	const rule = API_ERRORS_BY_CODE[code] ?? (e instanceof DomainError ? API_ERRORS_BY_STATUS[e.status] : undefined);
	if (!rule) throw e;
	if (rule.log) logEvent('warn', rule.log, { code });
	return Response.json({ error: rule.error ?? code, message: t(rule.message) }, { status: rule.status, headers: rule.headers });
}

/** The token's actor in the territory of the URL; an unknown territory is a 404. */
export async function authorizeToken(event: RequestEvent): Promise<{ scope: TerritoryScope; actor: TokenActor }> {
	const scope = event.locals.scope;
	if (!scope) throw new NotFoundError('territories.not_found');
	const actor = await authenticateToken(getApp().database.db, scope, event.request.headers.get('authorization'), { ip: event.getClientAddress() });
	return { scope, actor };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiContext<E extends RequestEvent> {
	event: E;
	db: Db;
	scope: TerritoryScope;
	actor: Actor;
}

/**
 * Every token-authenticated API handler, written once: the bearer token is checked (never the
 * session cookie, so a browser cannot be tricked into sending it: no CSRF), then the handler runs,
 * and domain errors become the API's JSON answers (apiErrorResponse).
 *
 *   export const GET: RequestHandler = apiHandler(async ({ event, db, scope, actor }) => Response.json(…));
 */
export function apiHandler<E extends RequestEvent>(handle: (context: ApiContext<E>) => Promise<Response>) {
	return async (event: E): Promise<Response> => {
		try {
			const { scope, actor } = await authorizeToken(event);
			// An archived territory is read-only: its data stays readable, every write is refused.
			if (!READS.has(event.request.method) && event.locals.territory?.archived) throw new TerritoryArchivedError();
			// A read-only token is refused every write, as anything out of its reach: 404.
			if (!READS.has(event.request.method) && actor.readOnly) throw new TokenReadOnlyError();
			return await handle({ event, db: getApp().database.db, scope, actor });
		} catch (e) {
			return apiErrorResponse(e);
		}
	};
}

/**
 * The public (anonymous, read-only) API handlers: the same error mapping. `scope` is the
 * territory of the URL when there is one; a route that needs it calls `requireScope`.
 */
export function publicApiHandler<E extends RequestEvent>(handle: (context: { event: E; db: Db }) => Promise<Response>) {
	return async (event: E): Promise<Response> => {
		try {
			return await handle({ event, db: getApp().database.db });
		} catch (e) {
			return apiErrorResponse(e);
		}
	};
}

/** The territory of the URL, for public API routes; an unknown territory is the API's 404. */
export function requireScope(event: Pick<RequestEvent, 'locals'>): TerritoryScope {
	if (!event.locals.scope) throw new NotFoundError('territories.not_found');
	return event.locals.scope;
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
