import { normalizeOnce } from '../../domain/import-vocabulary';
import type { ImportDraft, ImportProblem } from './activities.import-rows';
import type { ImportedActivity } from './activities.repository';

/*
 * Rows of a spreadsheet that name an activity imported before from an earlier version of the
 * file: pure, given the rows that waited for the end of the file and the imported activities no
 * row of the file matches any more (activities.import.ts finds both).
 */

/** A row's identity, whatever its counts: its initiative, day, commune and title (normalised). */
const identityOf = (initiativeId: number, date: string, communeCode: string, title: string) => `${initiativeId}|${date}|${communeCode}|${normalizeOnce(title)}`;

/** The same activity: type, status and audience counts alike (a title or a note may differ in case or wording). */
function sameContent(draft: ImportDraft, activity: ImportedActivity): boolean {
	const cells = (list: readonly { audience: string; level: string; count: number }[]) =>
		list
			.map((a) => `${a.audience}.${a.level}=${a.count}`)
			.sort()
			.join(',');
	return draft.input.type === activity.type && draft.status === activity.status && cells(draft.input.audiences) === cells(activity.audiences);
}

/**
 * Rows of the file changed since it was imported (a count corrected in the spreadsheet): their
 * fingerprint is new, but an imported activity with the same initiative, day, commune and title
 * is no longer matched by any row of the file (`orphans`). Writing them would count the activity
 * twice, so each is a problem of its line, unless the activity was corrected on the platform to
 * the same content (then the row is already there: a duplicate).
 */
export function changedSinceImport(unseen: readonly ImportDraft[], orphanList: readonly ImportedActivity[]) {
	const rows = new Set<ImportDraft>();
	const problems: ImportProblem[] = [];
	const orphans = new Map<string, ImportedActivity[]>();
	for (const activity of [...orphanList].sort((a, b) => a.id - b.id)) {
		const identity = identityOf(activity.initiativeId, activity.date, activity.communeCode, activity.title);
		orphans.set(identity, [...(orphans.get(identity) ?? []), activity]);
	}
	if (orphans.size === 0) return { rows, problems };
	for (const draft of unseen) {
		const activity = orphans.get(identityOf(draft.input.initiativeId, draft.input.date, draft.input.communeCode, draft.input.title))?.shift();
		if (!activity) continue;
		rows.add(draft);
		if (sameContent(draft, activity)) continue;
		problems.push({
			line: draft.line,
			column: '',
			key: 'spreadsheet.problem.changed_since_import',
			params: { title: activity.title, date: activity.date, participations: activity.audiences.reduce((n, a) => n + a.count, 0) }
		});
	}
	return { rows, problems };
}
