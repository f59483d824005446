import { error, type RequestEvent } from '@sveltejs/kit';
import { translator } from '../../i18n';
import type { Permission, Principal } from '../accounts/permissions';
import { getApp } from '../app';
import type { Db } from '../db/client';
import { authorize, authorizePlatformAdmin, failFromError, requireUser, scopeOf } from '.';
import { TerritoryArchivedError } from '../territories/territories.errors';
import { DomainError, ValidationError } from '../shared/errors';
import { formToObject, SECRET_FIELD } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';

/*
 * Form actions and page loads are written once: who may call (authorize), how the body is read,
 * and how domain errors become a response. A route only says which permission it needs, calls a
 * use case and maps the result (redirect or data).
 *
 *   export const actions = {
 *     update: territoryAction('activity.update', ({ db, scope, actor, values, event }) =>
 *       updateActivity(db, scope, actor, idParam(event.params.id), values).then(() => redirect(303, …)))
 *   };
 */

export interface FormContext<E extends RequestEvent> {
	event: E;
	db: Db;
	/** The posted fields as strings (the last value wins); files stay in `form`. */
	values: Record<string, string>;
	form: FormData;
}

export interface TerritoryContext<E extends RequestEvent> extends FormContext<E> {
	scope: TerritoryScope;
	actor: Actor;
	principal: Principal;
}

/**
 * The body of a form post. The form guard (`form-guard.ts`) already answers a post that is not a
 * form with a French 400 page; what is left (a body over BODY_SIZE_LIMIT) is a French message on
 * the form, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (e) {
		throw new ValidationError({ _form: { key: (e as { status?: number }).status === 413 ? 'request.too_large' : 'request.bad_form' } });
	}
}

/**
 * Values echoed back into the form after a refusal: what was typed, never secrets. The form
 * itself (null when unreadable) is there for fields sent several times (checkbox groups).
 */
type EchoValues = (values: Record<string, string>, form: FormData | null) => Record<string, unknown>;

const echoTyped: EchoValues = (values) => Object.fromEntries(Object.entries(values).filter(([name]) => !SECRET_FIELD.test(name)));

type Base<E extends RequestEvent> = Omit<FormContext<E>, 'values' | 'form'>;

/**
 * Options of an action: which values are echoed back, and how an error is restated before it
 * becomes the form's failure (e.g. a body refused as too large shown next to the file field).
 */
interface ActionOptions {
	echo?: EchoValues;
	mapError?: (e: unknown) => unknown;
}

/** Reads the form, runs the handler, and turns domain errors into the form's failure (with what was typed). */
async function run<E extends RequestEvent, C extends Base<E>, R>(base: C, handle: (context: C & FormContext<E>) => Promise<R>, options: ActionOptions) {
	let values: Record<string, string> = {};
	let read: FormData | null = null;
	try {
		const form = await readForm(base.event.request);
		read = form;
		values = formToObject(form);
		return await handle({ ...base, form, values });
	} catch (e) {
		return failFromError(base.event.locals, options.mapError ? options.mapError(e) : e, (options.echo ?? echoTyped)(values, read));
	}
}

/**
 * An action in a territory: the permission is checked first (404 when refused), then the form is
 * read. Every action writes: in an archived territory it is refused with the French message (409),
 * whoever asks, until a platform administrator restores the territory.
 */
export function territoryAction<E extends RequestEvent, R>(
	permission: Permission,
	handle: (context: TerritoryContext<E>) => Promise<R>,
	options: ActionOptions = {}
) {
	return async (event: E) => {
		const { scope, actor, principal } = await authorize(event, permission);
		const archived = event.locals.territory?.archived ?? false;
		return run(
			{ event, db: getApp().database.db, scope, actor, principal },
			(context) => (archived ? Promise.reject(new TerritoryArchivedError()) : handle(context)),
			options
		);
	};
}

export interface PlatformContext<E extends RequestEvent> extends FormContext<E> {
	actor: Actor;
	principal: Principal;
}

/** An action of the platform's administration (territories): platform administrators only (404 for anyone else). */
export function platformAdminAction<E extends RequestEvent, R>(handle: (context: PlatformContext<E>) => Promise<R>, options: ActionOptions = {}) {
	return async (event: E) => {
		const { actor, principal } = authorizePlatformAdmin(event);
		return run({ event, db: getApp().database.db, actor, principal }, handle, options);
	};
}

/** A page load of the platform's administration; a record not found is the same 404 as a refusal. */
export function platformAdminLoad<E extends RequestEvent, R>(handle: (context: { event: E; db: Db; actor: Actor; principal: Principal }) => Promise<R>) {
	return async (event: E) => {
		const { actor, principal } = authorizePlatformAdmin(event);
		return handle({ event, db: getApp().database.db, actor, principal }).catch((e: unknown) => {
			if (e instanceof DomainError && e.status === 404) error(404, { message: translator(event.locals.locale)('error.not_found') });
			throw e;
		});
	};
}

/** An action on one's own account: signed in, whatever the roles. */
export function accountAction<E extends RequestEvent, R>(
	handle: (context: FormContext<E> & { user: NonNullable<App.Locals['user']> }) => Promise<R>,
	options: { echo?: EchoValues } = {}
) {
	return async (event: E) => {
		const user = requireUser(event);
		return run({ event, db: getApp().database.db, user }, handle, options);
	};
}

/** An action open to anonymous visitors (sign-in, password reset, invitations). */
export function publicAction<E extends RequestEvent, R>(handle: (context: FormContext<E>) => Promise<R>, options: { echo?: EchoValues } = {}) {
	return async (event: E) => {
		return run({ event, db: getApp().database.db }, handle, options);
	};
}

/** A page load in a territory: authorized first; a record not found (or out of reach) is a 404, never a 500. */
export function territoryLoad<E extends RequestEvent, R>(
	permission: Permission,
	handle: (context: { event: E; db: Db; scope: TerritoryScope; actor: Actor; principal: Principal }) => Promise<R>
) {
	return async (event: E) => {
		const { scope, actor, principal } = await authorize(event, permission);
		return handle({ event, db: getApp().database.db, scope, actor, principal }).catch((e: unknown) => {
			if (e instanceof DomainError && e.status === 404) error(404, { message: translator(event.locals.locale)('error.not_found') });
			throw e;
		});
	};
}

/**
 * A page load open to anonymous visitors in a territory (the plan, the indicator): no permission,
 * the territory's scope only; a record not found is a 404 page.
 */
export function publicTerritoryLoad<E extends RequestEvent, R>(handle: (context: { event: E; db: Db; scope: TerritoryScope }) => Promise<R>) {
	return async (event: E) => {
		const scope = scopeOf(event.locals);
		return handle({ event, db: getApp().database.db, scope }).catch((e: unknown) => {
			if (e instanceof DomainError && e.status === 404) error(404, { message: translator(event.locals.locale)('error.not_found') });
			throw e;
		});
	};
}
