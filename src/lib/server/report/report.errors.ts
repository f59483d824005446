import { NotFoundError } from '../shared/errors';

/** Stable codes of the report domain: logs, the command line and tests rely on them. */
export const REPORT_ERROR_CODES = {
	notFound: 'report.not_found'
} as const;

/** Unknown territory: the same answer whatever the reason, nothing leaks. */
export class ReportNotFoundError extends NotFoundError {
	constructor() {
		super(REPORT_ERROR_CODES.notFound);
	}
}
