import { AUDIENCE_CODES } from '../../domain/reference';
import { shareReached } from '../../domain/targets';
import type { MilestoneRow, TargetRow } from './targets.repository';

/** What the audit trail keeps of a target: its line and its number (the journal names the initiative and the audience). */
export function targetSnapshot(row: TargetRow) {
	return { schoolYear: row.schoolYear, initiativeId: row.initiativeId, audience: row.audience, target: row.target };
}

/** What the audit trail keeps of a milestone: every field. */
export function milestoneSnapshot(row: MilestoneRow) {
	return { initiativeId: row.initiativeId, title: row.title, dueOn: row.dueOn, status: row.status, progress: row.progress, description: row.description };
}

/** A target beside what the indicator counts for its line, and the share reached. */
export interface TargetLine {
	id: number;
	version: number;
	schoolYear: string;
	initiative: { id: number; name: string } | null;
	audience: string | null;
	target: number;
	actual: number;
	/** Whole percent, rounded down (domain/targets.ts `shareReached`). */
	share: number;
}

export function presentTargetLine(row: TargetRow, initiativeName: string | null, actual: number): TargetLine {
	return {
		id: row.id,
		version: row.version,
		schoolYear: row.schoolYear,
		initiative: row.initiativeId === null ? null : { id: row.initiativeId, name: initiativeName ?? '' },
		audience: row.audience,
		target: row.target,
		actual,
		share: shareReached(actual, row.target) ?? 0
	};
}

/**
 * The order of a year's lines: the whole plan first (all audiences, then each audience), then each
 * initiative in the plan's order (all audiences, then each audience in the catalogue's order).
 */
export function compareTargetLines(initiativeOrder: readonly number[]) {
	const rank = (line: TargetLine) => (line.initiative === null ? -1 : initiativeOrder.indexOf(line.initiative.id));
	const audienceRank = (line: TargetLine) => (line.audience === null ? -1 : AUDIENCE_CODES.indexOf(line.audience as never));
	return (a: TargetLine, b: TargetLine) => rank(a) - rank(b) || audienceRank(a) - audienceRank(b);
}

/** A target as its edit form's values. */
export function targetToFormValues(line: TargetLine): Record<string, string> {
	return { target: String(line.target), version: String(line.version) };
}

/** A milestone as the page shows it and its edit form's values. */
export function presentMilestone(row: MilestoneRow, initiativeName: string | null) {
	return {
		id: row.id,
		version: row.version,
		title: row.title,
		initiative: row.initiativeId === null ? null : { id: row.initiativeId, name: initiativeName ?? '' },
		dueOn: row.dueOn,
		status: row.status,
		progress: row.progress,
		description: row.description,
		values: {
			title: row.title,
			initiativeId: row.initiativeId === null ? '' : String(row.initiativeId),
			dueOn: row.dueOn,
			status: row.status,
			progress: String(row.progress),
			description: row.description ?? '',
			version: String(row.version)
		} as Record<string, string>
	};
}
export type MilestoneView = ReturnType<typeof presentMilestone>;
