import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory, doneActivity } from '../../../../tests/support/fixtures';
import { translator } from '../../i18n';
import { createActivity, updateActivity } from '../activities/activities.usecases';
import type { Database } from '../db/client';
import { updatePlanPeriod } from '../plan/plan.usecases';
import { ValidationError } from '../shared/errors';
import { recordAudit } from './audit.repository';
import { browseAudit, exportAuditCsv, readAuditFilters } from './audit.usecases';
import { adminActor } from '../../../../tests/support/actors';

const today = '2026-11-20';
const actor = adminActor('u1', { label: 'camille@example.org' });
const p = { t: translator('fr'), locale: 'fr' as const, slug: 'flandre-saint-omer' };
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let activityId = 0;

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	const row = await createActivity(database.db, t.scope, actor, doneActivity(t.initiativeId, { title: 'Forum des métiers de Longuenesse' }), { today });
	activityId = row.id;
	await updateActivity(
		database.db,
		t.scope,
		actor,
		row.id,
		row.version,
		doneActivity(t.initiativeId, { title: 'Forum des métiers de Longuenesse', audiences: [{ audience: 'girls', level: 'lycee_pro', count: 20 }] }),
		{ today }
	);
});
afterAll(() => database.close());

const filters = (q: string) => {
	const r = readAuditFilters(new URLSearchParams(q));
	if (!r.ok) throw new Error('filters refused');
	return r.filters;
};

describe('the audit trail, as a coordinator reads it', () => {
	it('says what was created or changed, by name, with a link to the record', async () => {
		const { entries } = await browseAudit(database.db, t.scope, filters('entityType=activity'), p);
		const [update, create] = entries;
		expect(create).toMatchObject({
			actionLabel: 'Création',
			entityLabel: 'Action',
			subject: 'Forum des métiers de Longuenesse',
			href: `/t/flandre-saint-omer/actions/${activityId}`
		});
		const initiativeName = t.initiatives.find((i) => i.id === t.initiativeId)!.name;
		expect(create!.changes.find((c) => c.field === 'initiativeId')).toMatchObject({ label: 'Initiative', before: null, after: initiativeName });
		expect(create!.changes.find((c) => c.field === 'communeCode')?.after).toBe('Saint-Omer');
		expect(create!.changes.find((c) => c.field === 'date')?.after).toBe('14 oct. 2025');
		expect(create!.changes.find((c) => c.field === 'type')?.after).toBe('Intervention en établissement scolaire');
		expect(create!.changes.map((c) => c.field)).not.toContain('version');
		expect(update!.actionLabel).toBe('Modification');
		expect(update!.changes.map((c) => c.label)).toEqual(['Publics']);
		expect(update!.changes[0]!.before).toContain('Filles — Lycée professionnel : 12');
		expect(update!.changes[0]!.after).toBe('Filles — Lycée professionnel : 20');
		for (const e of entries) for (const c of e.changes) expect(`${c.label} ${c.before} ${c.after}`).not.toMatch(/[{}[\]"]/);
	});

	it("names the account of an ended membership by the person's name, not « n° <id> »", async () => {
		await database.db.execute(sql`insert into "user" (id, name, email) values ('sophie-id', 'Sophie Martin', 'sophie@example.org')`);
		await recordAudit(database.db, t.scope, actor, {
			action: 'end_membership',
			entityType: 'user',
			entityId: 'sophie-id',
			before: { roles: [] },
			after: { roles: [] }
		});
		const { entries } = await browseAudit(database.db, t.scope, filters('entityType=user'), p);
		expect(entries.map((e) => [e.actionLabel, e.entityLabel, e.subject])).toEqual([['Retrait du territoire', 'Compte', 'Sophie Martin']]);
	});

	it('exports the same reading in CSV, with French headers', async () => {
		const csv = await exportAuditCsv(database.db, t.scope, filters('entityType=activity'), p);
		const [header, ...lines] = csv.replace('\ufeff', '').trim().split('\r\n');
		expect(header).toBe('n°;date;auteur;adresse IP;opération;objet;fiche;numéro de la fiche;modifications (avant → après)');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toContain('Modification;Action;Forum des métiers de Longuenesse');
		expect(lines[0]).toContain('Publics : Filles — Lycée professionnel : 12');
	});

	it('a date that does not exist in a filter is a French field error, not a database error', () => {
		for (const q of ['from=2025-13-01', 'to=2025-02-30']) {
			const r = readAuditFilters(new URLSearchParams(q));
			expect(r.ok, q).toBe(false);
			expect(!r.ok && Object.values(r.errors)[0]?.key, q).toBe('validation.date');
		}
	});
});

describe('the plan period', () => {
	it('refuses 30 February with a field error and changes nothing', async () => {
		const before = await database.db.execute(sql`select starts_on, ends_on from action_plans where territory_id = ${t.scope.territoryId}`);
		const error = await updatePlanPeriod(database.db, t.scope, actor, { startsOn: '2025-02-30', endsOn: '' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields.startsOn?.key).toBe('validation.date');
		const after = await database.db.execute(sql`select starts_on, ends_on from action_plans where territory_id = ${t.scope.territoryId}`);
		expect((after as unknown as { rows: unknown[] }).rows).toEqual((before as unknown as { rows: unknown[] }).rows);
	});
});
