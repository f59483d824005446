import { schoolYearOf } from './reference';

/**
 * Targets and milestones of the plan, as data. Labels live in the message catalogue
 * (src/lib/i18n/targets.ts) under `targets.milestone_status.<code>`; a code is never renamed nor
 * removed, because recorded milestones keep it.
 */

/** Where a milestone stands (as Decidim's accountability module shows a municipal plan's results). */
export const MILESTONE_STATUSES = ['planned', 'in_progress', 'done', 'late'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/**
 * The progress each status allows, in percent: a milestone planned has not started, one done is
 * complete; one under way or late may stand anywhere between.
 */
export const MILESTONE_PROGRESS: Readonly<Record<MilestoneStatus, { min: number; max: number }>> = {
	planned: { min: 0, max: 0 },
	in_progress: { min: 0, max: 100 },
	done: { min: 100, max: 100 },
	late: { min: 0, max: 99 }
};

/** Bounds of the fields. */
export const TARGET_LIMITS = { title: 200, description: 2000 } as const;

/**
 * The share of a target reached, in whole percent, rounded down so that 100 % means reached
 * (199 of 200 is 99 %); above 100 when the target is passed. Null without a target.
 */
export function shareReached(actual: number, target: number): number | null {
	if (!(target > 0)) return null;
	return Math.floor((Math.max(0, actual) * 100) / target);
}

/** The school years a target may be set for: the next one, the current one and the five before it, newest first. */
export function targetSchoolYears(today: string): string[] {
	const current = Number(schoolYearOf(today).slice(0, 4));
	return Array.from({ length: 7 }, (_, i) => `${current + 1 - i}-${current + 2 - i}`);
}
