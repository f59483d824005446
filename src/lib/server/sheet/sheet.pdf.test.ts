import { describe, expect, it } from 'vitest';
import { adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, doneActivity, storedParticipations } from '../../../../tests/support/fixtures';
import { pdfText } from '../../../../tests/support/pdf';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { createActivity } from '../activities/activities.usecases';
import { getSheetPdf } from './sheet.usecases';

const today = '2026-11-20';
const NNBSP = '\u202f';
const fresh = freshDatabasePerTest(async (database) => ({ a: await defaultTerritory(database.db) }));

describe('the action sheet as a PDF', () => {
	it('read back with pdftotext, holds the six section titles, the French accents and apostrophes, and today’s participation figure', async () => {
		const { database, a } = fresh();
		await createActivity(database.db, a.scope, adminActor('test'), doneActivity(a.initiativeId), { today });
		await createActivity(
			database.db,
			a.scope,
			adminActor('test'),
			doneActivity(a.initiativeId, { type: 'forum', date: '2026-01-15', audiences: [{ audience: 'girls', level: 'college', count: 1200 }] }),
			{ today }
		);
		const total = await storedParticipations(database.db, a.scope.territoryId);
		expect(total).toBe(1223);

		const pdf = await getSheetPdf(database.db, a.scope, 'fr', { today });
		expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
		const text = pdfText(pdf.bytes);
		const lines = text.split('\n').map((l) => l.trim());
		for (const title of ['Constat(s)', 'Réalisation(s)', 'Obstacle(s)', 'Objectif(s)', 'Parties prenantes', 'Indicateur(s)']) expect(lines).toContain(title);
		// The live figure, then its label. The figure is written grouped the French way (narrow
		// no-break space), which pdftotext reads back as nothing or a space, never as another digit.
		const label = lines.indexOf('participations aux actions réalisées, à ce jour');
		expect(label).toBeGreaterThan(0);
		expect(lines[label - 1]).toMatch(new RegExp(`^1[ ${NNBSP}]?223$`));
		expect(text).toContain('Réseau Verr’Elles');
		// Lines joined: the guillemets and the typographic apostrophe come out as written.
		const flat = text.replace(/\s+/g, ' ');
		expect(flat).toContain('« Quand c’est un sujet de territoire, tout le monde se sent impliqué. »');
		expect(text).toContain('Le plan d’action se divise en 4 initiatives');
		expect(flat).toContain('ce total n’est donc pas un nombre de personnes distinctes');
		expect(text).not.toContain('@');
	});

	it('in English, the sections carry their English titles and the figure is grouped the English way', async () => {
		const { database, a } = fresh();
		await createActivity(
			database.db,
			a.scope,
			adminActor('test'),
			doneActivity(a.initiativeId, { audiences: [{ audience: 'girls', level: 'college', count: 1500 }] }),
			{ today }
		);
		const text = pdfText((await getSheetPdf(database.db, a.scope, 'en', { today })).bytes);
		for (const title of ['Finding(s)', 'Achievement(s)', 'Obstacle(s)', 'Objective(s)', 'Stakeholders', 'Indicator(s)']) expect(text).toContain(title);
		expect(text).toContain('1,500');
	});
});
