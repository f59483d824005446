import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { countRows, defaultTerritory, doneActivity, storedParticipations, validationFields } from '../../../../tests/support/fixtures';
import type { Database } from '../db/client';
import { ConflictError } from '../shared/errors';
import { activityFormToInput } from './activities.schemas';
import { adminActor } from '../../../../tests/support/actors';
import { activityFormOptions } from './activities.options';
import { activityToFormValues } from './activities.presenters';
import { createActivity, exportActivitiesCsv, getActivity, updateActivity } from './activities.usecases';
import { translator } from '../../i18n';

const actor = adminActor('coordinatrice');
const today = '2026-11-20';
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
});
afterAll(() => database.close());

/** The HTML form's flat fields, as the browser posts them. */
function posted(cells: Record<string, string>, overrides: Record<string, string> = {}) {
	return {
		initiativeId: String(t.initiativeId),
		type: 'school_visit',
		title: 'Intervention au collège',
		date: '2025-10-14',
		communeCode: '62765',
		hostOrganisationId: '',
		status: 'done',
		notes: '',
		...Object.fromEntries(Object.entries(cells).map(([k, v]) => [`aud.${k}`, v])),
		...overrides
	};
}

describe('a count typed wrong in the audience grid is refused next to its cell, never dropped', () => {
	it.each([['12e'], ['1.5'], ['-3'], ['1e3'], ['0x10'], ['douze'], ['12,5'], ['1 00']])('« %s » is refused and nothing is recorded', async (typed) => {
		const rows = await countRows(database.db, 'activities');
		const participations = await storedParticipations(database.db, t.scope.territoryId);
		const fields = await validationFields(
			createActivity(database.db, t.scope, actor, activityFormToInput(posted({ 'girls.college': typed, 'boys.college': '10' })), { today })
		);
		expect(fields['aud.girls.college']).toBe('validation.count');
		expect(fields['aud.boys.college']).toBeUndefined();
		expect(await countRows(database.db, 'activities')).toBe(rows);
		expect(await storedParticipations(database.db, t.scope.territoryId)).toBe(participations);
	});

	it('a count grouped by thousands with a space, as French is written, is read as that number', async () => {
		const row = await createActivity(
			database.db,
			t.scope,
			actor,
			activityFormToInput(posted({ 'girls.college': '1 200', 'boys.college': ' 7 ', 'teachers.unspecified': '1\u202f000' })),
			{
				today
			}
		);
		const stored = await getActivity(database.db, t.scope, actor, row.id);
		expect(Object.fromEntries(stored.audiences.map((c) => [`${c.audience}.${c.level}`, c.count]))).toEqual({
			'girls.college': 1200,
			'boys.college': 7,
			'teachers.unspecified': 1000
		});
	});

	it('a count that is not a number (e.g. true sent by a program) is refused, not read as 1', async () => {
		const fields = await validationFields(
			createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, { audiences: [{ audience: 'girls', level: 'college', count: true }] }), {
				today
			})
		);
		expect(fields['aud.girls.college']).toBe('validation.count');
	});
});

describe('an edit conflict names the fields someone else changed', () => {
	it('the second editor learns that the other changed the girls of lycée professionnel and the date, not the notes she changed herself', async () => {
		const created = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId), { today });
		const opened = activityToFormValues(await getActivity(database.db, t.scope, actor, created.id));
		const form = (changes: Record<string, string>) =>
			activityFormToInput({ ...Object.fromEntries(Object.entries(opened).map(([k, v]) => [k, v === null ? '' : String(v)])), ...changes });

		await updateActivity(database.db, t.scope, actor, created.id, created.version, form({ 'aud.girls.lycee_pro': '14', date: '2025-10-15' }), { today });
		const error = await updateActivity(database.db, t.scope, actor, created.id, created.version, form({ notes: 'Deux classes' }), { today }).catch(
			(e: unknown) => e
		);

		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).changed).toEqual(['date', 'aud.girls.lycee_pro']);
		expect((await getActivity(database.db, t.scope, actor, created.id)).notes).toBeNull();
	});

	it('an audience cell removed by the other editor is listed too', async () => {
		const created = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId), { today });
		const without = doneActivity(t.initiativeId, { audiences: [{ audience: 'girls', level: 'lycee_pro', count: 12 }] });
		await updateActivity(database.db, t.scope, actor, created.id, created.version, without, { today });
		const error = await updateActivity(database.db, t.scope, actor, created.id, created.version, doneActivity(t.initiativeId, { title: 'Autre' }), {
			today
		}).catch((e: unknown) => e);
		expect((error as ConflictError).changed).toEqual(['aud.boys.lycee_pro', 'aud.teachers.unspecified']);
	});
});

describe('small things a French coordinator notices', () => {
	it('a missing commune is said to be required, not outside the territory', async () => {
		const fields = await validationFields(
			createActivity(database.db, t.scope, actor, activityFormToInput(posted({ 'girls.college': '3' }, { communeCode: '' })), { today })
		);
		expect(fields.communeCode).toBe('validation.required');
	});

	it('an empty select (type, status) is said to be required, like every other empty field; a value off the list is still "choose from the list"', async () => {
		const empty = await validationFields(
			createActivity(database.db, t.scope, actor, activityFormToInput(posted({ 'girls.college': '3' }, { type: '', status: '' })), { today })
		);
		expect([empty.type, empty.status]).toEqual(['validation.required', 'validation.required']);
		const wrong = await validationFields(
			createActivity(database.db, t.scope, actor, activityFormToInput(posted({ 'girls.college': '3' }, { type: 'picnic' })), { today })
		);
		expect(wrong.type).toBe('validation.enum');
	});

	it('communes are listed in French alphabetical order (É with E, not after Z)', async () => {
		const options = await activityFormOptions(database.db, t.scope, 'all');
		const collator = new Intl.Collator('fr');
		for (const epci of options.epcis) {
			const names = epci.communes.map((c) => c.name);
			expect(names).toEqual([...names].sort(collator.compare));
		}
		const capso = options.epcis.find((e) => e.siren === '200069037')!.communes.map((c) => c.name);
		expect(capso.indexOf('Éperlecques')).toBeLessThan(capso.indexOf('Helfaut'));
	});

	it('the CSV export has French headers only, a column per level, the list order, and names the audience its Participations column counts', async () => {
		const older = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, { title: 'CSV ancienne', date: '2025-09-20' }), { today });
		const newer = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, { title: 'CSV récente', date: '2025-11-20' }), { today });
		const filters = { audience: 'girls' as const, from: '2025-09-01', to: '2025-12-31' };
		const csv = await exportActivitiesCsv(database.db, t.scope, actor, filters, translator('fr'));
		const [header, ...rows] = csv
			.replace('\ufeff', '')
			.trim()
			.split('\r\n')
			.map((l) => l.split(';'));
		expect(header).not.toContain('id');
		expect(header).not.toContain('code_insee');
		expect(header!.slice(0, 2)).toEqual(['Identifiant', 'Date']);
		expect(header).toContain('Code INSEE');
		expect(header).toContain('Niveau : Lycée professionnel');
		expect(header).toContain('Public : Filles');
		const ids = rows.map((r) => Number(r[0]));
		expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
		const counted = header!.indexOf('Publics comptés dans « Participations »');
		const participations = header!.indexOf('Participations');
		const row = rows.find((r) => Number(r[0]) === newer.id)!;
		expect(row[counted]).toBe('Filles — tous niveaux');
		expect(row[participations]).toBe('12');
		expect(row[header!.indexOf('Public : Filles')]).toBe('12');
		expect(row[header!.indexOf('Niveau : Lycée professionnel')]).toBe('21');
	});
});
