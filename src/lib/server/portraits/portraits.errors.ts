import { NotFoundError, ValidationError } from '../shared/errors';
import type { MessageKey } from '../../i18n/fr';

export const PORTRAIT_ERROR_CODES = { notFound: 'portraits.not_found' } as const;

/** Unknown, in another territory, offline for the public: the same answer. */
export class PortraitNotFoundError extends NotFoundError {
	constructor() {
		super(PORTRAIT_ERROR_CODES.notFound);
	}
}

export const fieldError = (field: string, key: MessageKey, params?: Record<string, string | number>) => new ValidationError({ [field]: { key, params } });
