import { NotFoundError } from '../shared/errors';

/** Stable codes of the dashboard domain: logs and tests rely on them. */
export const DASHBOARD_ERROR_CODES = {
	nationalNotFound: 'dashboard.national_not_found'
} as const;

/** The national dashboard asked by someone who may not read it: the same answer as an unknown page. */
export class NationalDashboardNotFoundError extends NotFoundError {
	constructor() {
		super(DASHBOARD_ERROR_CODES.nationalNotFound);
	}
}
