import { NotFoundError, ValidationError } from '../shared/errors';

/** Stable codes of the plan domain: logs, API payloads and tests rely on them. */
export const PLAN_ERROR_CODES = {
	notFound: 'plan.not_found'
} as const;

/** The territory has no plan (it is created with the territory: only a broken database lacks one). */
export class PlanNotFoundError extends NotFoundError {
	constructor() {
		super(PLAN_ERROR_CODES.notFound);
	}
}

/** Done activities fall outside the new period: the period is refused, the activities stay as they are. */
export function activitiesOutsidePeriodError(): ValidationError {
	return new ValidationError({ startsOn: { key: 'validation.activities_outside_period' } });
}
