import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { confirmedByThePlatform } from '../../../../tests/support/intervention-flow';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { translator } from '../../i18n';
import { organisations } from '../organisations/organisations.table';
import { SYSTEM_ACTOR } from '../shared/scope';
import { recordAudit } from './audit.repository';
import { browseAudit, exportAuditCsv, readAuditFilters } from './audit.usecases';

const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
const coordinator = adminActor('coordinatrice', { label: 'camille@example.org' });
const NOW = new Date('2026-02-20T10:00:00Z');
const fr = { t: translator('fr'), locale: 'fr' as const, slug: 'flandre-saint-omer' };
const en = { t: translator('en'), locale: 'en' as const, slug: 'flandre-saint-omer' };

const filters = (q: string) => {
	const r = readAuditFilters(new URLSearchParams(q));
	if (!r.ok) throw new Error('filters refused');
	return r.filters;
};

const lines = (changes: { label: string; before: string | null; after: string }[]) =>
	changes.map((c) => (c.before === null ? `${c.label} : ${c.after}` : `${c.label} : ${c.before} → ${c.after}`));

describe('the journal of the role-model network, as a coordinator reads it', () => {
	it('the automatic confirmation is credited to the platform, not to the command line, on the page and in the CSV', async () => {
		const { database, t } = fresh();
		const { requestId } = await confirmedByThePlatform(database.db, t.scope, coordinator, NOW);
		const [stored] = await rows<{ actor_user_id: string }>(
			database.db,
			sql`select actor_user_id from audit_events where action = 'confirm' and entity_id = ${String(requestId)}`
		);
		expect(stored!.actor_user_id).toBe('platform');
		const { entries } = await browseAudit(database.db, t.scope, filters('entityType=intervention_request'), fr);
		const confirm = entries.find((e) => e.action === 'confirm')!;
		expect(confirm.actor).toBe('La plateforme (automatique)');
		expect(lines(confirm.changes)).toContain('État : Proposée → Confirmée');
		expect(confirm.href).toBe(`/t/flandre-saint-omer/demandes/${requestId}`);
		expect(
			entries
				.filter((e) => e.action === 'answer_accept')
				.map((e) => e.actor)
				.sort()
		).toEqual(['Intervenante (Amina Benali)', 'Intervenante (Julie Durand)']);
		// An answer's trace holds no name of its own: it is named by its request's organisation.
		expect(entries.filter((e) => e.action === 'answer_accept').map((e) => e.subject)).toEqual(['Collège Jean Jaurès', 'Collège Jean Jaurès']);
		expect((await browseAudit(database.db, t.scope, filters('entityType=intervention_request'), en)).entries.find((e) => e.action === 'confirm')!.actor).toBe(
			'The platform (automatic)'
		);
		const csv = await exportAuditCsv(database.db, t.scope, filters('entityType=intervention_request'), fr);
		const confirmLine = csv.split('\r\n').find((l) => l.includes(';Confirmation;'))!;
		expect(confirmLine).toContain('La plateforme (automatique)');
		expect(confirmLine).toContain('État : Proposée → Confirmée');
		expect(csv).not.toContain('ligne de commande');
	});

	it('a command typed by an administrator still reads « mixite (ligne de commande) »', async () => {
		const { database, t } = fresh();
		await recordAudit(database.db, t.scope, SYSTEM_ACTOR, {
			action: 'update',
			entityType: 'organisation',
			entityId: 1,
			before: { name: 'A' },
			after: { name: 'B' }
		});
		const { entries } = await browseAudit(database.db, t.scope, filters('entityType=organisation'), fr);
		expect(entries.map((e) => e.actor)).toEqual(['mixite (ligne de commande)']);
	});

	it('the values of a request read in words: requester, kind of intervention, audience, level, network, answers', async () => {
		const { database, t } = fresh();
		const { network } = await confirmedByThePlatform(database.db, t.scope, coordinator, NOW);
		const { entries } = await browseAudit(database.db, t.scope, filters('entityType=intervention_request'), fr);
		const [kind] = await rows<{ label_fr: string }>(database.db, sql`select label_fr from intervention_kinds where code = 'classroom_talk'`);
		const submit = lines(entries.find((e) => e.action === 'submit')!.changes);
		expect(submit).toEqual(
			expect.arrayContaining([
				'Demandeur : Établissement scolaire',
				`Type d’intervention : ${kind!.label_fr}`,
				'Public : Filles',
				'Niveau : Collège',
				'État : Reçue'
			])
		);
		expect(lines(entries.find((e) => e.action === 'qualify')!.changes)).toEqual(
			expect.arrayContaining(['État : Reçue → Qualifiée', `Réseau : ${translator('fr')('audit.empty_value')} → ${network.name}`])
		);
		expect(lines(entries.find((e) => e.action === 'answer_accept')!.changes)).toEqual(['Statut : sollicitée → a accepté']);
		for (const e of entries)
			for (const line of lines(e.changes))
				expect(line).not.toMatch(/\b(school|classroom_talk|girls|college|submitted|qualified|proposed|confirmed|accepted)\b/);
	});

	it('an organisation id is named when it is of this territory, « n° 12 » otherwise (never another territory’s name)', async () => {
		const { database, t } = fresh();
		const other = await otherTerritory(database.db);
		const [ours] = await database.db
			.insert(organisations)
			.values({ territoryId: t.scope.territoryId, name: 'Lycée Blaise Pascal', kind: 'school' })
			.returning();
		const [theirs] = await database.db.insert(organisations).values({ territoryId: other.scope.territoryId, name: 'Lycée voisin', kind: 'school' }).returning();
		await recordAudit(database.db, t.scope, coordinator, {
			action: 'create',
			entityType: 'mentoring_cohort',
			entityId: 1,
			after: { schoolOrganisationId: ours!.id, pairsFormed: 8 }
		});
		await recordAudit(database.db, t.scope, coordinator, {
			action: 'create',
			entityType: 'mentoring_cohort',
			entityId: 2,
			after: { schoolOrganisationId: theirs!.id }
		});
		const { entries } = await browseAudit(database.db, t.scope, filters('entityType=mentoring_cohort'), fr);
		expect(entries.map((e) => lines(e.changes).sort())).toEqual([
			[`Établissement : n° ${theirs!.id}`],
			['Binômes formés : 8', 'Établissement : Lycée Blaise Pascal']
		]);
	});
});
