import type { CohortRow } from './mentoring.repository';

/** What the audit trail keeps of a cohort: its counts and references (never a girl's identity: there is none). */
export function cohortSnapshot(row: CohortRow) {
	return {
		initiativeId: row.initiativeId,
		schoolYear: row.schoolYear,
		schoolOrganisationId: row.schoolOrganisationId,
		pairsFormed: row.pairsFormed,
		pairsActiveAtEnd: row.pairsActiveAtEnd,
		closedAt: row.closedAt ? row.closedAt.toISOString() : null,
		notes: row.notes
	};
}

/** A cohort as the edit form's values (strings). */
export function cohortToFormValues(row: CohortRow): Record<string, string> {
	return {
		initiativeId: String(row.initiativeId),
		schoolYear: row.schoolYear,
		schoolOrganisationId: String(row.schoolOrganisationId),
		pairsFormed: String(row.pairsFormed),
		notes: row.notes ?? ''
	};
}

/** The counts of one cohort or a school year's cohorts, as the list shows them. */
export interface CohortCounts {
	pairsFormed: number;
	mentors: number;
	workshops: number;
	reached: number;
	/** Sums over closed cohorts only: the retention share compares like with like. */
	closedPairsFormed: number;
	pairsActiveAtEnd: number;
	closed: number;
}

export const NO_COUNTS: CohortCounts = { pairsFormed: 0, mentors: 0, workshops: 0, reached: 0, closedPairsFormed: 0, pairsActiveAtEnd: 0, closed: 0 };

export function addCounts(a: CohortCounts, b: CohortCounts): CohortCounts {
	return {
		pairsFormed: a.pairsFormed + b.pairsFormed,
		mentors: a.mentors + b.mentors,
		workshops: a.workshops + b.workshops,
		reached: a.reached + b.reached,
		closedPairsFormed: a.closedPairsFormed + b.closedPairsFormed,
		pairsActiveAtEnd: a.pairsActiveAtEnd + b.pairsActiveAtEnd,
		closed: a.closed + b.closed
	};
}

/** The share of pairs still active at the end of the year, over the closed cohorts; null when none is closed. */
export function retentionShare(counts: CohortCounts): number | null {
	return counts.closed > 0 && counts.closedPairsFormed > 0 ? counts.pairsActiveAtEnd / counts.closedPairsFormed : null;
}
