import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** Interventions happen in France: every calendar carries Europe/Paris with its VTIMEZONE. */
export const CALENDAR_TIMEZONE = 'Europe/Paris';

export interface CalendarEvent {
	/** Stable for the intervention's whole life: updates and cancellations reuse it. */
	uid: string;
	/** Bumped on every change sent (iCalendar SEQUENCE). */
	sequence: number;
	start: Date;
	end: Date;
	summary: string;
	description?: string;
	location?: string;
	url?: string;
	cancelled?: boolean;
	/** Who sends the invitation (ORGANIZER): the territory's coordination, at the platform's sender address. */
	organizer?: { name: string; email: string };
	/**
	 * Who is invited (ATTENDEE, required participants): calendar clients show « Accepter / Refuser »
	 * and apply updates and cancellations only to an invitation that names the reader as attendee.
	 */
	attendees?: { name?: string; email: string; status: 'ACCEPTED' | 'NEEDS-ACTION' }[];
}

/** The UID of an intervention's event, the same in feeds and in e-mailed invitations. */
export function interventionUid(requestId: number, host: string): string {
	return `intervention-${requestId}@${host}`;
}

/**
 * An iCalendar document: a feed (no METHOD), an invitation (`REQUEST`) or a cancellation
 * (`CANCEL`, the same UID with a higher SEQUENCE), times written in Europe/Paris.
 */
export function buildCalendar(input: { name: string; events: CalendarEvent[]; method?: 'REQUEST' | 'CANCEL' }): string {
	const calendar = ical({ name: input.name, prodId: { company: 'Mixité Industrie', product: 'interventions', language: 'FR' } });
	if (input.method) calendar.method(input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
	calendar.timezone({ name: CALENDAR_TIMEZONE, generator: getVtimezoneComponent });
	for (const e of input.events) {
		const event = calendar.createEvent({
			id: e.uid,
			sequence: e.sequence,
			start: new TZDate(e.start, CALENDAR_TIMEZONE),
			end: new TZDate(e.end, CALENDAR_TIMEZONE),
			timezone: CALENDAR_TIMEZONE,
			summary: e.summary,
			description: e.description,
			location: e.location,
			url: e.url,
			status: e.cancelled || input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
		if (e.organizer) event.organizer({ name: e.organizer.name, email: e.organizer.email });
		for (const a of e.attendees ?? []) {
			event.createAttendee({
				email: a.email,
				name: a.name ?? null,
				role: ICalAttendeeRole.REQ,
				status: a.status === 'ACCEPTED' ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.NEEDSACTION,
				// Answers would go to the platform's sender address, which nobody reads: the coordination is told by the platform itself.
				rsvp: false
			});
		}
	}
	return calendar.toString();
}
