import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { AGREEMENT_LIMITS } from './agreements.schemas';

/** Stable codes of the agreements domain: logs, API payloads and tests rely on them. */
export const AGREEMENT_ERROR_CODES = {
	notFound: 'agreements.not_found',
	fileNotFound: 'agreements.file_not_found',
	conflict: 'agreements.conflict'
} as const;

/** Unknown, in another territory, or out of the viewer's reach: the same answer, so nothing leaks. */
export class AgreementNotFoundError extends NotFoundError {
	constructor() {
		super(AGREEMENT_ERROR_CODES.notFound);
	}
}

export class AgreementFileNotFoundError extends NotFoundError {
	constructor() {
		super(AGREEMENT_ERROR_CODES.fileNotFound);
	}
}

/** The agreement changed since the editor loaded it; `current` is what is stored now. */
export class AgreementConflictError extends ConflictError {
	constructor(current: unknown) {
		super(AGREEMENT_ERROR_CODES.conflict, current);
	}
}

/**
 * The server refused the request body before any code saw the file (BODY_SIZE_LIMIT): the same
 * French message next to the field as a file the use case finds too large.
 */
export function pdfTooLargeError(): ValidationError {
	return new ValidationError({ file: { key: 'validation.file_too_large', params: { max: AGREEMENT_LIMITS.maxFileMegabytes } } });
}

/** The form reader's "request too large" (readForm in http/handlers.ts) restated as the PDF's own message; other errors pass. */
export function asPdfTooLarge(e: unknown): unknown {
	return e instanceof ValidationError && e.fields._form?.key === 'request.too_large' ? pdfTooLargeError() : e;
}
