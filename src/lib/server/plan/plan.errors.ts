import { NotFoundError, ValidationError } from '../shared/errors';

/** Stable codes of the plan domain: logs, API payloads and tests rely on them. */
export const PLAN_ERROR_CODES = {
	notFound: 'plan.not_found',
	initiativeNotFound: 'plan.initiative_not_found'
} as const;

/** The territory has no plan (it is created with the territory: only a broken database lacks one), or the actor may not edit it. */
export class PlanNotFoundError extends NotFoundError {
	constructor() {
		super(PLAN_ERROR_CODES.notFound);
	}
}

/** Unknown or in another territory: the same answer. */
export class InitiativeNotFoundError extends NotFoundError {
	constructor() {
		super(PLAN_ERROR_CODES.initiativeNotFound);
	}
}

/** Done activities fall outside the new period: the period is refused, the activities stay as they are. */
export function activitiesOutsidePeriodError(): ValidationError {
	return new ValidationError({ startsOn: { key: 'validation.activities_outside_period' } });
}

/** An initiative with activities is stopped, never deleted. */
export function initiativeHasActivitiesError(): ValidationError {
	return new ValidationError({ _form: { key: 'validation.initiative_has_activities' } });
}

/** The item a form names is gone (removed in another tab) or was never one of this plan. */
export function itemUnknownError(): ValidationError {
	return new ValidationError({ _form: { key: 'validation.item_unknown' } });
}
