/**
 * The life of an intervention request, written as data: each move says from which states it may
 * be made, by whom, to which state, and which messages it sends (templates of the interventions
 * domain, addressed to the requester, the role models concerned and/or the coordinators).
 */
export const REQUEST_STATES = ['submitted', 'qualified', 'proposed', 'confirmed', 'done', 'reported', 'declined', 'cancelled', 'expired'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** Who makes a move: the coordinator, the requester (her private link or account), a role model, the scheduler. */
export type RequestActor = 'coordinator' | 'requester' | 'role_model' | 'system';
export type Recipient = 'requester' | 'speakers' | 'proposed' | 'coordinators';

export interface RequestMove {
	from: readonly RequestState[];
	to: RequestState;
	by: readonly RequestActor[];
	/** Message kinds sent, and to whom. */
	sends: readonly { kind: string; to: Recipient }[];
	/** A date condition: `end_day` — not before the Paris day the intervention ends (it must have taken place). */
	notBefore?: 'end_day';
	/** A staffing condition: `accepted_speaker` — at least one role model has accepted. */
	needs?: 'accepted_speaker';
}

export const REQUEST_WORKFLOW = {
	/** The coordinator checks the request, picks the network, date and capacity. */
	qualify: { from: ['submitted'], to: 'qualified', by: ['coordinator'], sends: [{ kind: 'request_qualified', to: 'requester' }] },
	/** Proposed to one or more role models, each with a signed answer link. */
	propose: { from: ['qualified', 'proposed'], to: 'proposed', by: ['coordinator'], sends: [{ kind: 'proposal', to: 'proposed' }] },
	/** Enough role models accepted (capacity reached: by the system), or the coordinator confirms. */
	confirm: {
		from: ['proposed'],
		to: 'confirmed',
		by: ['coordinator', 'system'],
		needs: 'accepted_speaker',
		sends: [
			{ kind: 'confirmation', to: 'speakers' },
			{ kind: 'confirmation_requester', to: 'requester' }
		]
	},
	/**
	 * Volunteers took enough places on an open intervention (public list) before anyone was proposed
	 * it: confirmed by the platform, as `confirm` does once proposed.
	 */
	fill: {
		from: ['qualified'],
		to: 'confirmed',
		by: ['system'],
		sends: [
			{ kind: 'confirmation', to: 'speakers' },
			{ kind: 'confirmation_requester', to: 'requester' }
		]
	},
	/**
	 * A speaker left a confirmed intervention and too few remain (no one waiting to take her place):
	 * it is no longer confirmed; the coordination proposes it again, the requester is told.
	 */
	reopen: {
		from: ['confirmed'],
		to: 'proposed',
		by: ['system'],
		sends: [
			{ kind: 'speakers_short', to: 'coordinators' },
			{ kind: 'reopened_requester', to: 'requester' }
		]
	},
	/** A change of date or place once confirmed: an iCalendar update (same UID, SEQUENCE + 1). */
	reschedule: {
		from: ['confirmed'],
		to: 'confirmed',
		by: ['coordinator'],
		sends: [
			{ kind: 'update', to: 'speakers' },
			{ kind: 'update_requester', to: 'requester' }
		]
	},
	/** The day after: the intervention took place; the report is asked of the requester and the speakers. */
	complete: {
		from: ['confirmed'],
		to: 'done',
		by: ['system', 'coordinator'],
		notBefore: 'end_day',
		sends: [
			{ kind: 'report_ask', to: 'requester' },
			{ kind: 'report_ask', to: 'speakers' }
		]
	},
	/** The first report creates the activity in the accounting. */
	report: { from: ['done'], to: 'reported', by: ['requester', 'role_model', 'coordinator'], sends: [{ kind: 'report_received', to: 'coordinators' }] },
	decline: { from: ['submitted', 'qualified', 'proposed'], to: 'declined', by: ['coordinator'], sends: [{ kind: 'request_declined', to: 'requester' }] },
	cancel: {
		from: ['submitted', 'qualified', 'proposed', 'confirmed'],
		to: 'cancelled',
		by: ['coordinator', 'requester'],
		sends: [
			{ kind: 'cancellation', to: 'speakers' },
			{ kind: 'cancellation_requester', to: 'requester' }
		]
	},
	/** The wished period passed without a confirmed intervention. */
	expire: { from: ['submitted', 'qualified', 'proposed'], to: 'expired', by: ['system'], sends: [{ kind: 'request_expired', to: 'requester' }] }
} as const satisfies Record<string, RequestMove>;
export type RequestMoveName = keyof typeof REQUEST_WORKFLOW;

/** Whether `actor` may make `move` from `state`. */
export function mayMove(move: RequestMoveName, state: string, actor: RequestActor): boolean {
	const m: RequestMove = REQUEST_WORKFLOW[move];
	return (m.from as readonly string[]).includes(state) && m.by.includes(actor);
}

/**
 * Whether the date condition of `move` holds: `today` and `endDay` are Paris days (YYYY-MM-DD);
 * a move with `notBefore: 'end_day'` needs an end day reached (never without a date).
 */
export function dateAllows(move: RequestMoveName, today: string, endDay: string | null): boolean {
	const m: RequestMove = REQUEST_WORKFLOW[move];
	if (m.notBefore === 'end_day') return endDay !== null && endDay <= today;
	return true;
}

/** Whether the staffing condition of `move` holds, with `acceptedSpeakers` role models who accepted. */
export function staffingAllows(move: RequestMoveName, acceptedSpeakers: number): boolean {
	const m: RequestMove = REQUEST_WORKFLOW[move];
	return m.needs !== 'accepted_speaker' || acceptedSpeakers > 0;
}

/** What the conditions of a move are checked against: Paris days and the role models who accepted. */
export interface MoveFacts {
	today: string;
	endDay: string | null;
	acceptedSpeakers: number;
}

/** The moves open to `actor` from `state` (the request page's buttons); with `facts`, those whose date and staffing conditions hold too. */
export function movesFrom(state: string, actor: RequestActor, facts?: MoveFacts): RequestMoveName[] {
	return (Object.keys(REQUEST_WORKFLOW) as RequestMoveName[]).filter(
		(m) => mayMove(m, state, actor) && (!facts || (dateAllows(m, facts.today, facts.endDay) && staffingAllows(m, facts.acceptedSpeakers)))
	);
}

/** Requester kinds of the public form. */
export const REQUESTER_KINDS = ['school', 'training_centre', 'employment_agency', 'firm'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];
