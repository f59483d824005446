import { NotFoundError } from '../shared/errors';

export const CALENDAR_ERROR_CODES = {
	notFound: 'calendar.not_found'
} as const;

/** An unknown or revoked feed, or a feed the actor may not have: the same 404. */
export class CalendarFeedNotFoundError extends NotFoundError {
	constructor() {
		super(CALENDAR_ERROR_CODES.notFound);
	}
}
