import type { MessageKey } from '../../i18n/fr';

/** A field → message-key map; messages may carry parameters. */
export type FieldErrors = Record<string, { key: MessageKey; params?: Record<string, string | number> }>;

/** Errors with a stable code; they are turned into HTTP responses in one place (src/lib/server/http.ts). */
export class DomainError extends Error {
	constructor(
		readonly code: string,
		readonly status: 400 | 401 | 403 | 404 | 409 | 422,
		message?: string
	) {
		super(message ?? code);
	}
}

export class ValidationError extends DomainError {
	constructor(readonly fields: FieldErrors) {
		super('validation.failed', 400);
	}
}

export class NotFoundError extends DomainError {
	constructor(code: string) {
		super(code, 404);
	}
}

export class ConflictError extends DomainError {
	constructor(
		code: string,
		readonly current: unknown,
		/** Field names changed by someone else since the version the editor started from. */
		readonly changed: readonly string[] = []
	) {
		super(code, 409);
	}
}
