import { error, fail, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { translator } from '../../i18n';
import { can, requiresTwoFactor, type Permission, type Principal } from '../accounts/permissions';
import { ConflictError, DomainError, ValidationError } from '../shared/errors';
import { parseRecordId } from '../shared/schemas';
import type { Actor, TerritoryScope } from '../shared/scope';
import { logEvent } from '../log';
import { TerritoryArchivedError } from '../territories/territories.errors';

/** The scope set by hooks.server.ts for /t/[territory] routes. */
export function scopeOf(locals: App.Locals): TerritoryScope {
	if (!locals.scope) error(404);
	return locals.scope;
}

export function principalOf(locals: App.Locals): Principal | null {
	return locals.principal;
}

/**
 * Checked in load and in every action and API handler: anonymous users are sent to sign in,
 * signed-in users without the permission get a 404 that does not reveal whether anything exists.
 * The actor identifies who acts and carries the principal; what records it reaches is each
 * domain's policy's business, asked by the use case with the mode it needs.
 */
export async function authorize(
	event: Pick<RequestEvent, 'locals' | 'url' | 'route' | 'getClientAddress'>,
	permission: Permission
): Promise<{ scope: TerritoryScope; actor: Actor; principal: Principal }> {
	const scope = scopeOf(event.locals);
	const principal = event.locals.principal;
	if (!event.locals.user || !principal) redirect(303, `/connexion?redirect=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (requiresTwoFactor(principal) && !event.locals.user.twoFactorEnabled) {
		redirect(303, `/compte/securite?redirect=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	if (!can(principal, permission, scope.territoryId)) {
		logEvent('warn', 'access_refused', { user: principal.userId, permission, route: event.route.id });
		error(404, { message: translator(event.locals.locale)('error.not_found') });
	}
	return { scope, principal, actor: { userId: principal.userId, label: event.locals.user.email, ip: clientIp(event), principal } };
}

/**
 * Pages and actions of the platform's administration (territories): signed in (else sent to sign
 * in), two-step verification on, and a platform administrator; anyone else gets the same 404 as
 * an unknown page.
 */
export function authorizePlatformAdmin(event: Pick<RequestEvent, 'locals' | 'url' | 'route' | 'getClientAddress'>): { actor: Actor; principal: Principal } {
	const principal = event.locals.principal;
	if (!event.locals.user || !principal) redirect(303, `/connexion?redirect=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (requiresTwoFactor(principal) && !event.locals.user.twoFactorEnabled) {
		redirect(303, `/compte/securite?redirect=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	if (!principal.platformAdmin) {
		logEvent('warn', 'access_refused', { user: principal.userId, permission: 'platform.admin', route: event.route.id });
		error(404, { message: translator(event.locals.locale)('error.not_found') });
	}
	return { principal, actor: { userId: principal.userId, label: event.locals.user.email, ip: clientIp(event), principal } };
}

function clientIp(event: Pick<RequestEvent, 'getClientAddress'>): string | undefined {
	try {
		return event.getClientAddress();
	} catch {
		return undefined;
	}
}

/** Who is reading a public page: the signed-in person as an actor (her roles may show more), or null. */
export function optionalActor(locals: App.Locals): Actor | null {
	const principal = locals.principal;
	if (!locals.user || !principal) return null;
	if (requiresTwoFactor(principal) && !locals.user.twoFactorEnabled) return null;
	return { userId: principal.userId, label: locals.user.email, principal };
}

/** Domain errors → the form's failure payload (French or English messages per field). */
export function failFromError(locals: App.Locals, e: unknown, values: Record<string, unknown> = {}) {
	const t = translator(locals.locale);
	if (e instanceof ValidationError) {
		const errors = Object.fromEntries(Object.entries(e.fields).map(([field, m]) => [field, t(m.key, m.params)]));
		return fail(400, { errors, values, message: errors._form ?? t('error.form') });
	}
	if (e instanceof ConflictError)
		return fail(409, { errors: {} as Record<string, string>, values, message: t('error.conflict'), current: e.current, changed: [...e.changed] });
	if (e instanceof TerritoryArchivedError) return fail(409, { errors: {} as Record<string, string>, values, message: t(e.messageKey) });
	if (e instanceof DomainError && e.status === 404) error(404, { message: t('error.not_found') });
	throw e;
}

/** Copies better-auth's Set-Cookie headers onto SvelteKit's cookies. */
export function forwardAuthCookies(headers: Headers, cookies: Cookies): void {
	const setCookie = headers.get('set-cookie');
	if (!setCookie) return;
	for (const [name, attributes] of parseSetCookieHeader(setCookie)) {
		cookies.set(name, attributes.value, { ...toCookieOptions(attributes), path: attributes.path || '/' });
	}
}

/** Positive integer id from a route parameter; anything else is a 404, never a 500. */
export function idParam(value: string | undefined): number {
	const id = parseRecordId(value);
	if (id === null) error(404);
	return id;
}

/** Pages of one's own account: signed in, whatever the roles. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): NonNullable<App.Locals['user']> {
	if (!event.locals.user) redirect(303, `/connexion?redirect=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return event.locals.user;
}
