import type { RequestEvent } from '@sveltejs/kit';
import { translator } from '../../i18n';
import { getApp } from '../app';
import { logEvent } from '../log';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../shared/errors';
import type { Actor, TerritoryScope } from '../shared/scope';
import { authenticateToken } from '../tokens/tokens.usecases';
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

/** The request body as a JSON object; anything else is a 400, never a 500. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
	const body: unknown = await request.json().catch(() => undefined);
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DomainError('request.invalid_json', 400);
	return body as Record<string, unknown>;
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
	throw e;
}


/** The token's actor in the territory of the URL; an unknown territory is a 404. */
export async function authorizeToken(event: RequestEvent): Promise<{ scope: TerritoryScope; actor: Actor }> {
	const scope = event.locals.scope;
	if (!scope) throw new NotFoundError('territories.not_found');
	const actor = await authenticateToken(getApp().database.db, scope, event.request.headers.get('authorization'), { ip: event.getClientAddress() });
	return { scope, actor };
}
