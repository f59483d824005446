import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../i18n';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, doneActivity, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { pdfText } from '../../../../tests/support/pdf';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { sql } from 'drizzle-orm';
import { createActivity } from '../activities/activities.usecases';
import { createAgreement } from '../agreements/agreements.usecases';
import { listOrganisations } from '../organisations/organisations.repository';
import { territoryIndicator } from '../indicator/indicator.usecases';
import { ValidationError } from '../shared/errors';
import { createMilestone, createTarget } from '../targets/targets.usecases';
import { ReportNotFoundError } from './report.errors';
import { readReportYear } from './report.schemas';
import { getReportPdf, getReportPdfBySlug, yearlyReport } from './report.usecases';

const today = '2026-11-20';
const admin = adminActor('test');
const fresh = freshDatabasePerTest(async (database) => ({ a: await defaultTerritory(database.db) }));

/** The figure as the report writes it; pdftotext gives the narrow no-break space back as it is, as a space or as nothing. */
const figure = (n: number) => formatNumber('fr', n).replace(/[\u202f\u00a0]/g, '[\\u202f\\u00a0 ]?');
const flat = (text: string) => text.replace(/[ \t]+/g, ' ');

/** Runs a poppler tool on the PDF (pdffonts, pdfinfo). */
function poppler(tool: string, bytes: Uint8Array, args: string[] = []): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-report-'));
	try {
		const file = path.join(dir, 'bilan.pdf');
		fs.writeFileSync(file, bytes);
		return execFileSync(tool, [...args, file], { encoding: 'utf8' });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function seedYear(database: ReturnType<typeof fresh>['database'], a: ReturnType<typeof fresh>['a']) {
	const [first, second] = a.initiatives;
	const record = (initiativeId: number, overrides: Record<string, unknown>) =>
		createActivity(database.db, a.scope, admin, doneActivity(initiativeId, overrides), { today });
	// 2025-2026: 23 (default audiences) + 1,200 + 35 = 1,258 participations, three activities.
	await record(first!.id, { date: '2025-10-14' });
	await record(first!.id, { type: 'forum', date: '2026-01-15', audiences: [{ audience: 'girls', level: 'college', count: 1200 }] });
	await record(second!.id, { date: '2026-03-02', audiences: [{ audience: 'women', level: 'job_seekers', count: 35 }] });
	// The previous school year and the next one: not in the 2025-2026 report's total.
	await record(first!.id, { date: '2025-05-20', audiences: [{ audience: 'girls', level: 'college', count: 40 }] });
	await record(first!.id, { date: '2026-09-10', audiences: [{ audience: 'girls', level: 'college', count: 7 }] });
	await createTarget(database.db, a.scope, admin, { schoolYear: '2025-2026', initiativeId: '', audience: '', target: '2000' });
	await createMilestone(database.db, a.scope, admin, {
		title: 'Bilan d’étape avec la Région',
		initiativeId: '',
		dueOn: '2026-06-30',
		status: 'in_progress',
		progress: '50'
	});
	const parties = (await listOrganisations(database.db, a.scope)).slice(0, 2).map((o) => String(o.id));
	const agreement = (title: string, startsOn: string, endsOn: string) =>
		createAgreement(database.db, a.scope, admin, {
			title,
			object: 'Marrainage de lycéennes',
			commitments: 'Dix marraines',
			signedOn: startsOn,
			startsOn,
			endsOn,
			reminderDays: '60',
			partyIds: parties,
			initiativeIds: [String(second!.id)]
		});
	await agreement('Marrainage 2025-2027', '2025-09-15', '2027-06-30');
	await agreement('Convention échue en 2024', '2022-09-01', '2024-06-30');
}

describe('the yearly report (bilan) as a PDF', () => {
	it('read back with pdftotext, holds the school year’s total equal to the indicator’s, each initiative’s figure, the target line and the method note', async () => {
		const { database, a } = fresh();
		await seedYear(database, a);
		const stored = await rows<{ n: number }>(
			database.db,
			sql`select coalesce(sum(participations), 0)::int as n from indicator_audience_cells where territory_id = ${a.scope.territoryId} and month between '2025-09-01' and '2026-08-01'`
		);
		expect(stored[0]!.n).toBe(1258);
		const indicator = await territoryIndicator(database.db, a.scope, { schoolYear: '2025-2026' });
		expect(indicator.participations).toBe(1258);

		const pdf = await getReportPdf(database.db, a.scope, admin, '2025-2026', 'fr', { today });
		expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
		if (process.env.REPORT_PDF_OUT) fs.writeFileSync(process.env.REPORT_PDF_OUT, pdf.bytes);
		const text = pdfText(pdf.bytes, { layout: true });
		expect(text).toContain('Bilan annuel');
		expect(text).toContain('Année scolaire 2025-2026');
		// The key figures, side by side in two boxes: each number above its label.
		expect(text).toMatch(new RegExp(`^ *${figure(1258)} +3\\n *participations aux actions réalisées +actions réalisées$`, 'm'));
		// Girls and women: 12 + 1,200 + 35 of 1,258 → 99 %.
		expect(text).toMatch(/^ *99[\u202f\u00a0 ]?%\n *part des filles et des femmes/m);
		// Each initiative's figures in its row: the first one 1,223 participations in two activities, the second 35 in one.
		const [first, second] = a.initiatives;
		expect(text).toMatch(new RegExp(`^${first!.name} +2 +${figure(1223)} +Filles ${figure(1212)} · Garçons 9 · Enseignants 2$`, 'm'));
		expect(text).toMatch(new RegExp(`^${second!.name} +1 +35 +Femmes 35$`, 'm'));
		// The whole plan's target: 1,258 of 2,000 → 62 %.
		expect(text).toMatch(new RegExp(`^Tout le plan — Tous publics +${figure(2000)} +${figure(1258)} +62[\\u202f\\u00a0 ]?%$`, 'm'));
		expect(text).toContain('Bilan d’étape avec la Région');
		expect(text).toContain('En cours');
		// The agreement in force during the year, never the one that ended before it.
		expect(text).toMatch(/^Marrainage 2025-2027 +\S.* +15 sept\. 2025 → 30 juin 2027 +En cours$/m);
		expect(text).not.toContain('Convention échue en 2024');
		// The month chart's numbers: the previous year's May beside this year's.
		expect(text).toMatch(/^ *mai 2026 +0 +40$/m);
		expect(text).toContain('Note de méthode');
		expect(text.replace(/\s+/g, ' ')).toContain('Une personne venue à deux actions compte deux fois');
		for (const english of ['Key figures', 'Target', 'audience.', 'report.', 'initiative_status']) expect(text).not.toContain(english);
	});

	it('embeds its fonts and is a tagged PDF in French', async () => {
		const { database, a } = fresh();
		await seedYear(database, a);
		const pdf = await getReportPdf(database.db, a.scope, admin, '2025-2026', 'fr', { today });
		const fonts = poppler('pdffonts', pdf.bytes).split('\n').slice(2).filter(Boolean);
		expect(fonts.length).toBeGreaterThan(0);
		// Columns: name type encoding emb sub uni object ID: every font embedded.
		for (const line of fonts) expect(line).toMatch(/DejaVu\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
		const info = poppler('pdfinfo', pdf.bytes);
		expect(info).toMatch(/Tagged:\s+yes/);
		expect(info).toMatch(/^Title: +Bilan annuel 2025-2026 — Territoire d’industrie Flandre/m);
		expect(Buffer.from(pdf.bytes).toString('latin1')).toContain('/Lang (fr-FR)');
		// The structure tree: headings, paragraphs, the charts as figures, the tables with header cells.
		const structure = poppler('pdfinfo', pdf.bytes, ['-struct']);
		expect(structure.split('\n')[0]).toBe('Document');
		for (const element of ['H1', 'H2', 'P', 'Figure', 'Table', 'TR', 'TH', 'TD']) expect(structure).toMatch(new RegExp(`^ +${element}\\b`, 'm'));
	});

	it('a school year without activities gives a report saying so, not an error', async () => {
		const { database, a } = fresh();
		const pdf = await getReportPdf(database.db, a.scope, admin, '2022-2023', 'fr', { today });
		const text = flat(pdfText(pdf.bytes));
		expect(text.replace(/\s+/g, ' ')).toContain('Aucune action réalisée pendant l’année scolaire 2022-2023');
		expect(text).toContain('Aucun objectif n’a été fixé pour cette année scolaire.');
		expect(text).toMatch(/^—\npart des filles et des femmes/m);
		expect(text).toContain('Note de méthode');
	});

	it('counts only the territory’s own activities, and refuses a reader without report.read as an unknown territory', async () => {
		const { database, a } = fresh();
		await seedYear(database, a);
		const other = await otherTerritory(database.db);
		const report = await yearlyReport(database.db, other.scope, admin, '2025-2026', { today });
		expect(report.participations).toBe(0);
		expect(report.initiatives.map((i) => i.name)).toEqual(['Autre initiative']);
		const partner = actorOf({ userId: 'p', platformAdmin: false, roles: [{ territoryId: a.scope.territoryId, role: 'partner', organisationId: null }] });
		await expect(yearlyReport(database.db, a.scope, partner, '2025-2026', { today })).rejects.toBeInstanceOf(ReportNotFoundError);
		const funder = actorOf({ userId: 'f', platformAdmin: false, roles: [{ territoryId: a.scope.territoryId, role: 'funder', organisationId: null }] });
		expect((await yearlyReport(database.db, a.scope, funder, '2025-2026', { today })).participations).toBe(1258);
	});

	it('a malformed or out-of-range school year is refused with the French message, an unknown territory as not found', async () => {
		const { database } = fresh();
		for (const bad of ['2025', '2025-2027', '2025/2026', '1999-2000', '2040-2041', ''])
			expect(readReportYear(bad, today)).toEqual({ ok: false, errors: { schoolYear: { key: 'validation.school_year' } } });
		expect(readReportYear(' 2025-2026 ', today)).toEqual({ ok: true, schoolYear: '2025-2026' });
		await expect(getReportPdfBySlug(database.db, admin, 'flandre-saint-omer', '2025-2027', 'fr', { today })).rejects.toBeInstanceOf(ValidationError);
		await expect(getReportPdfBySlug(database.db, admin, 'nulle-part', '2025-2026', 'fr', { today })).rejects.toBeInstanceOf(ReportNotFoundError);
	});
});
