import { DomainError, NotFoundError } from '../shared/errors';

/** A request unknown, of another territory, or out of the actor's reach: the same 404. */
export class RequestNotFoundError extends NotFoundError {
	constructor() {
		super('intervention_request.not_found');
	}
}

/** A move the workflow table does not allow from the request's state, or not for this actor. */
export class MoveNotAllowedError extends DomainError {
	constructor(
		readonly move: string,
		readonly state: string
	) {
		super('intervention_request.move_not_allowed', 409);
	}
}

/** Why a signed link cannot be used: unknown, already used, expired, or the request moved on. */
export type LinkProblem = 'unknown' | 'used' | 'expired' | 'closed';

export class ActionLinkError extends DomainError {
	constructor(readonly problem: LinkProblem) {
		super(`action_link.${problem}`, problem === 'unknown' ? 404 : 409);
	}
}

/** A move whose staffing condition does not hold (e.g. `confirm` before anyone accepted). */
export class MoveNeedsSpeakerError extends DomainError {
	constructor(readonly move: string) {
		super('intervention_request.move_needs_speaker', 409);
	}
}

/** A move whose date condition does not hold yet (e.g. `complete` before the intervention's day). */
export class MoveTooEarlyError extends DomainError {
	constructor(readonly move: string) {
		super('intervention_request.move_too_early', 409);
	}
}
