import { NotFoundError, ValidationError } from '../shared/errors';

/** Stable codes of the sheet domain: logs, API payloads and tests rely on them. */
export const SHEET_ERROR_CODES = {
	notFound: 'sheet.not_found',
	copyRefused: 'sheet.copy_refused'
} as const;

/** Unknown territory or a territory without a plan: the same answer, nothing leaks. */
export class SheetNotFoundError extends NotFoundError {
	constructor() {
		super(SHEET_ERROR_CODES.notFound);
	}
}

/** "Partir de ce plan" refused: only a coordinator of the target territory may start from another plan. */
export class SheetCopyRefusedError extends NotFoundError {
	constructor() {
		super(SHEET_ERROR_CODES.copyRefused);
	}
}

/** The plan to start from is unknown, archived, the demo, or the target's own plan: a French message next to the chooser. */
export function unknownSourceError(): ValidationError {
	return new ValidationError({ source: { key: 'sheet.error_source_unknown' } });
}

export function sameSourceError(): ValidationError {
	return new ValidationError({ source: { key: 'sheet.error_source_same' } });
}
