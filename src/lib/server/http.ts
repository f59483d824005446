import { error, fail, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { translator } from '../i18n';
import { can, type Permission, type Principal } from './accounts/permissions';
import { ConflictError, DomainError, ValidationError } from './shared/errors';
import type { Actor, TerritoryScope } from './shared/scope';

/** The scope set by hooks.server.ts for /t/[territory] routes. */
export function scopeOf(locals: App.Locals): TerritoryScope {
	if (!locals.scope) error(404);
	return locals.scope;
}

export function principalOf(locals: App.Locals): Principal | null {
	return locals.user ? { userId: locals.user.id, roles: locals.roles } : null;
}

/**
 * Checked in load and in every action: anonymous users are sent to sign in, signed-in users
 * without the permission get a 404 that does not reveal whether anything exists.
 */
export function authorize(event: Pick<RequestEvent, 'locals' | 'url'>, permission: Permission): { scope: TerritoryScope; actor: Actor } {
	const scope = scopeOf(event.locals);
	if (!event.locals.user) redirect(303, `/connexion?redirect=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (!can(principalOf(event.locals), permission, scope.territoryId)) error(404, { message: translator(event.locals.locale)('error.not_found') });
	return { scope, actor: { userId: event.locals.user.id } };
}

/** Domain errors → the form's failure payload (French or English messages per field). */
export function failFromError(locals: App.Locals, e: unknown, values: Record<string, unknown> = {}) {
	const t = translator(locals.locale);
	if (e instanceof ValidationError) {
		const errors = Object.fromEntries(Object.entries(e.fields).map(([field, m]) => [field, t(m.key, m.params)]));
		return fail(400, { errors, values, message: errors._form ?? t('error.form') });
	}
	if (e instanceof ConflictError) return fail(409, { errors: {} as Record<string, string>, values, message: t('error.conflict'), current: e.current });
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
	const id = Number(value);
	if (!value || !/^\d{1,9}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) error(404);
	return id;
}
