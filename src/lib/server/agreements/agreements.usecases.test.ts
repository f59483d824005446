import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { countRows, defaultTerritory, otherTerritory, validationFields } from '../../../../tests/support/fixtures';
import { translator } from '../../i18n';
import type { Principal } from '../accounts/permissions';
import type { Database } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { MAX_FILE_BYTES, pdfUploadSchema } from './agreements.schemas';
import {
	agreementsByInitiative,
	agreementStatus,
	attachAgreementFile,
	createAgreement,
	deleteAgreement,
	getAgreement,
	getAgreementFile,
	listAgreements,
	updateAgreement
} from './agreements.usecases';
import { adminActor } from '../../../../tests/support/actors';

const actor = adminActor('coordinatrice', { label: 'claire@example.org' });
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let other: Awaited<ReturnType<typeof otherTerritory>>;
let orgs: number[];
let otherOrg: number;
let coordinator: Principal;
let otherCoordinator: Principal;

/** Reads the database directly, not through the code under test. */
async function rows<T>(query: SQL): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

function agreementInput(overrides: Record<string, unknown> = {}) {
	return {
		title: 'Convention Capital Filles 2026-2028',
		object: 'Interventions de marraines industrielles dans les collèges du territoire',
		commitments: 'Capital Filles mobilise dix marraines ; le territoire organise les rencontres.',
		signedOn: '2026-01-15',
		startsOn: '2026-02-01',
		endsOn: '2028-01-31',
		reminderDays: '60',
		partyIds: [String(orgs[0]), String(orgs[1])],
		initiativeIds: [String(t.initiatives[0]!.id)],
		...overrides
	};
}

const pdf = (text = 'convention signée') => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	other = await otherTerritory(database.db);
	orgs = (await rows<{ id: number }>(sql`select id from organisations where territory_id = ${t.scope.territoryId} order by id`)).map((r) => r.id);
	const [o] = await database.db
		.insert(organisations)
		.values({ territoryId: other.scope.territoryId, name: 'Structure voisine', kind: 'association' })
		.returning();
	otherOrg = o!.id;
	coordinator = { userId: 'coordinatrice', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'coordinator', organisationId: null }] };
	otherCoordinator = { userId: 'voisine', platformAdmin: false, roles: [{ territoryId: other.scope.territoryId, role: 'coordinator', organisationId: null }] };
});
afterAll(() => database.close());

describe('recording agreements, with every change in the audit trail', () => {
	it('a coordinator records an agreement with its parties, period, commitments and initiatives', async () => {
		const created = await createAgreement(database.db, t.scope, actor, agreementInput());
		const [stored] = await rows<Record<string, unknown>>(
			sql`select title, object, commitments, signed_on::text, starts_on::text, ends_on::text, reminder_days, version from agreements where id = ${created.id}`
		);
		expect(stored).toEqual({
			title: 'Convention Capital Filles 2026-2028',
			object: 'Interventions de marraines industrielles dans les collèges du territoire',
			commitments: 'Capital Filles mobilise dix marraines ; le territoire organise les rencontres.',
			signed_on: '2026-01-15',
			starts_on: '2026-02-01',
			ends_on: '2028-01-31',
			reminder_days: 60,
			version: 1
		});
		const parties = await rows<{ organisation_id: number }>(sql`select organisation_id from agreement_parties where agreement_id = ${created.id} order by 1`);
		expect(parties.map((p) => p.organisation_id)).toEqual([orgs[0], orgs[1]]);
		const links = await rows<{ initiative_id: number }>(sql`select initiative_id from initiative_agreements where agreement_id = ${created.id}`);
		expect(links.map((l) => l.initiative_id)).toEqual([t.initiatives[0]!.id]);
		const audit = await rows<{ action: string; actor_label: string; after: Record<string, unknown>; before: unknown }>(
			sql`select action, actor_label, before, after from audit_events where entity_type = 'agreement' and entity_id = ${String(created.id)}`
		);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'create', actor_label: 'claire@example.org', before: null });
		expect(audit[0]!.after).toMatchObject({
			title: 'Convention Capital Filles 2026-2028',
			partyIds: [orgs[0], orgs[1]],
			initiativeIds: [t.initiatives[0]!.id],
			file: null
		});
	});

	it('editing replaces the parties and initiative links, and the audit trail keeps before and after', async () => {
		const created = await createAgreement(database.db, t.scope, actor, agreementInput());
		await updateAgreement(
			database.db,
			t.scope,
			actor,
			created.id,
			created.version,
			agreementInput({
				title: 'Convention renouvelée',
				partyIds: [String(orgs[2])],
				initiativeIds: [String(t.initiatives[1]!.id), String(t.initiatives[2]!.id)]
			})
		);
		const [stored] = await rows<{ title: string; version: number }>(sql`select title, version from agreements where id = ${created.id}`);
		expect(stored).toEqual({ title: 'Convention renouvelée', version: 2 });
		const parties = await rows<{ organisation_id: number }>(sql`select organisation_id from agreement_parties where agreement_id = ${created.id}`);
		expect(parties.map((p) => p.organisation_id)).toEqual([orgs[2]]);
		const links = await rows<{ initiative_id: number }>(sql`select initiative_id from initiative_agreements where agreement_id = ${created.id} order by 1`);
		expect(links.map((l) => l.initiative_id)).toEqual([t.initiatives[1]!.id, t.initiatives[2]!.id].sort((a, b) => a - b));
		const [audit] = await rows<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
			sql`select before, after from audit_events where entity_type = 'agreement' and entity_id = ${String(created.id)} and action = 'update'`
		);
		expect(audit!.before).toMatchObject({ title: 'Convention Capital Filles 2026-2028', partyIds: [orgs[0], orgs[1]], version: 1 });
		expect(audit!.after).toMatchObject({ title: 'Convention renouvelée', partyIds: [orgs[2]], version: 2 });
	});

	it('the second of two concurrent edits gets a conflict and overwrites nothing', async () => {
		const created = await createAgreement(database.db, t.scope, actor, agreementInput());
		await updateAgreement(database.db, t.scope, actor, created.id, created.version, agreementInput({ title: 'Première version' }));
		const error = await updateAgreement(database.db, t.scope, actor, created.id, created.version, agreementInput({ title: 'Seconde version' })).catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).current).toMatchObject({ title: 'Première version', version: 2 });
		const [stored] = await rows<{ title: string; version: number }>(sql`select title, version from agreements where id = ${created.id}`);
		expect(stored).toEqual({ title: 'Première version', version: 2 });
	});

	it('deleting removes the parties, links and PDF; a stale deletion is refused; the audit trail keeps what was deleted', async () => {
		const created = await createAgreement(database.db, t.scope, actor, agreementInput());
		await attachAgreementFile(database.db, t.scope, actor, created.id, { name: 'convention.pdf', bytes: pdf() });
		await updateAgreement(database.db, t.scope, actor, created.id, created.version, agreementInput({ title: 'Modifiée entre-temps' }));
		await expect(deleteAgreement(database.db, t.scope, actor, created.id, { version: String(created.version) })).rejects.toBeInstanceOf(ConflictError);
		expect(await rows(sql`select 1 from agreements where id = ${created.id}`)).toHaveLength(1);

		await deleteAgreement(database.db, t.scope, actor, created.id, { version: '2' });
		for (const table of [
			sql`agreements where id`,
			sql`agreement_parties where agreement_id`,
			sql`initiative_agreements where agreement_id`,
			sql`agreement_files where agreement_id`
		]) {
			expect(await rows(sql`select 1 from ${table} = ${created.id}`)).toHaveLength(0);
		}
		const [audit] = await rows<{ before: Record<string, unknown>; after: unknown }>(
			sql`select before, after from audit_events where entity_type = 'agreement' and entity_id = ${String(created.id)} and action = 'delete'`
		);
		expect(audit!.after).toBeNull();
		expect(audit!.before).toMatchObject({ title: 'Modifiée entre-temps', partyIds: [orgs[0], orgs[1]], file: { name: 'convention.pdf' } });
	});
});

describe('bad input gets a French message on the right field and changes nothing', () => {
	it.each([
		['an empty title', { title: '   ' }, 'title', 'validation.required'],
		['an oversized title', { title: 'x'.repeat(201) }, 'title', 'validation.too_long'],
		['an empty object', { object: '' }, 'object', 'validation.required'],
		['an oversized object', { object: 'x'.repeat(2001) }, 'object', 'validation.too_long'],
		['no party at all', { partyIds: [] }, 'partyIds', 'validation.agreement_parties_required'],
		['a forged party id', { partyIds: ['abc'] }, 'partyIds', 'validation.agreement_party_unknown'],
		['an impossible signature date', { signedOn: '2026-02-30' }, 'signedOn', 'validation.date'],
		['a date that is not a date', { startsOn: 'demain' }, 'startsOn', 'validation.date'],
		['an end before the start', { startsOn: '2027-01-01', endsOn: '2026-12-31' }, 'endsOn', 'validation.agreement_period_order'],
		['a negative reminder', { reminderDays: '-5' }, 'reminderDays', 'validation.agreement_reminder_days'],
		['a reminder of ten years', { reminderDays: '3650' }, 'reminderDays', 'validation.agreement_reminder_days']
	])('%s', async (_label, overrides, field, key) => {
		const before = await countRows(database.db, 'agreements');
		const fields = await validationFields(createAgreement(database.db, t.scope, actor, agreementInput(overrides)));
		expect(fields[field]).toBe(key);
		expect(await countRows(database.db, 'agreements')).toBe(before);
	});

	it('every error shows at once: an empty title, no party and an end before the start', async () => {
		const fields = await validationFields(
			createAgreement(database.db, t.scope, actor, agreementInput({ title: '', partyIds: [], startsOn: '2027-01-01', endsOn: '2026-01-01' }))
		);
		expect(fields).toMatchObject({
			title: 'validation.required',
			partyIds: 'validation.agreement_parties_required',
			endsOn: 'validation.agreement_period_order'
		});
		expect(translator('fr')('validation.agreement_period_order')).toBe('La date de fin ne peut pas précéder la date de début.');
	});

	it('an agreement may be recorded before it is signed and dated, the end matching the start is accepted', async () => {
		const created = await createAgreement(
			database.db,
			t.scope,
			actor,
			agreementInput({ signedOn: '', startsOn: '2026-05-01', endsOn: '2026-05-01', reminderDays: '' })
		);
		const [stored] = await rows(sql`select signed_on, reminder_days from agreements where id = ${created.id}`);
		expect(stored).toEqual({ signed_on: null, reminder_days: 60 });
	});

	it('an organisation of another territory cannot be a party, nor its initiative be linked', async () => {
		const before = await countRows(database.db, 'agreement_parties');
		const fields = await validationFields(
			createAgreement(
				database.db,
				t.scope,
				actor,
				agreementInput({ partyIds: [String(orgs[0]), String(otherOrg)], initiativeIds: [String(other.initiativeId)] })
			)
		);
		expect(fields).toEqual({ partyIds: 'validation.agreement_party_unknown', initiativeIds: 'validation.agreement_initiative_unknown' });
		expect(await countRows(database.db, 'agreement_parties')).toBe(before);
	});
});

describe('the signed PDF', () => {
	it('is stored in the database with its size and checksum; a new upload replaces it and is traced', async () => {
		const created = await createAgreement(database.db, t.scope, actor, agreementInput());
		await attachAgreementFile(database.db, t.scope, actor, created.id, { name: 'C:\\Users\\claire\\premiere.pdf', bytes: pdf('v1') });
		const second = pdf('v2 signée par toutes les parties');
		await attachAgreementFile(database.db, t.scope, actor, created.id, { name: 'signée', bytes: second });
		const stored = await rows<{ name: string; size: number; sha256: string; content_sha: string; territory_id: number }>(
			sql`select name, size, sha256, encode(sha256(content), 'hex') as content_sha, territory_id from agreement_files where agreement_id = ${created.id}`
		);
		const expected = createHash('sha256').update(second).digest('hex');
		expect(stored).toEqual([{ name: 'signée.pdf', size: second.length, sha256: expected, content_sha: expected, territory_id: t.scope.territoryId }]);
		const uploads = await rows<{ before: { file: { name: string } | null }; after: { file: { name: string } } }>(
			sql`select before, after from audit_events where entity_type = 'agreement' and entity_id = ${String(created.id)} and action = 'upload' order by id`
		);
		expect(uploads.map((u) => [u.before.file?.name ?? null, u.after.file.name])).toEqual([
			[null, 'premiere.pdf'],
			['premiere.pdf', 'signée.pdf']
		]);
		const file = await getAgreementFile(database.db, t.scope, coordinator, created.id);
		expect(Buffer.from(file.content).equals(Buffer.from(second))).toBe(true);
	});

	it('the size limit is 10 MB exactly', () => {
		const atLimit = new Uint8Array(MAX_FILE_BYTES);
		atLimit.set(pdf());
		expect(pdfUploadSchema.safeParse({ file: { name: 'limite.pdf', bytes: atLimit } }).success).toBe(true);
		const over = new Uint8Array(MAX_FILE_BYTES + 1);
		over.set(pdf());
		expect(pdfUploadSchema.safeParse({ file: { name: 'trop.pdf', bytes: over } }).success).toBe(false);
	});

	it.each([
		[
			'an image renamed .pdf',
			{ name: 'photo.pdf', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
			'validation.pdf_only',
			'Seuls les fichiers PDF sont acceptés.'
		],
		['an empty file', { name: 'vide.pdf', bytes: new Uint8Array() }, 'validation.file_required', 'Choisissez un fichier PDF.'],
		['no file at all', null, 'validation.file_required', 'Choisissez un fichier PDF.'],
		[
			'a PDF over 10 MB',
			{
				name: 'trop.pdf',
				bytes: (() => {
					const b = new Uint8Array(MAX_FILE_BYTES + 1);
					b.set(pdf());
					return b;
				})()
			},
			'validation.file_too_large',
			'Le fichier dépasse 10 Mo.'
		]
	])('%s is refused in French and nothing is stored', async (_label, upload, key, french) => {
		const created = await createAgreement(database.db, t.scope, actor, agreementInput());
		const error = (await attachAgreementFile(database.db, t.scope, actor, created.id, upload).catch((e: unknown) => e)) as ValidationError;
		expect(error).toBeInstanceOf(ValidationError);
		expect(error.fields.file?.key).toBe(key);
		expect(translator('fr')(error.fields.file!.key, error.fields.file!.params)).toBe(french);
		expect(await rows(sql`select 1 from agreement_files where agreement_id = ${created.id}`)).toHaveLength(0);
	});

	it('an agreement without a PDF answers "not found" for its download', async () => {
		const created = await createAgreement(database.db, t.scope, actor, agreementInput());
		await expect(getAgreementFile(database.db, t.scope, coordinator, created.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('territory isolation and reach', () => {
	it('another territory cannot read, edit, delete, attach to or download an agreement, and learns nothing about it', async () => {
		const created = await createAgreement(database.db, t.scope, actor, agreementInput());
		await attachAgreementFile(database.db, t.scope, actor, created.id, { name: 'a.pdf', bytes: pdf() });
		const audits = await countRows(database.db, 'audit_events');
		await expect(getAgreement(database.db, other.scope, otherCoordinator, created.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getAgreementFile(database.db, other.scope, otherCoordinator, created.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			updateAgreement(database.db, other.scope, actor, created.id, created.version, agreementInput({ partyIds: [String(otherOrg)], initiativeIds: [] }))
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateAgreement(database.db, other.scope, actor, created.id, created.version, agreementInput({ title: '' }))).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(deleteAgreement(database.db, other.scope, actor, created.id, { version: created.version })).rejects.toBeInstanceOf(NotFoundError);
		await expect(attachAgreementFile(database.db, other.scope, actor, created.id, { name: 'x.txt', bytes: new Uint8Array([1]) })).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(attachAgreementFile(database.db, other.scope, actor, created.id, { name: 'b.pdf', bytes: pdf('intrus') })).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect((await listAgreements(database.db, other.scope, otherCoordinator)).map((a) => a.id)).not.toContain(created.id);
		const [stored] = await rows(
			sql`select a.title, a.version, f.name from agreements a join agreement_files f on f.agreement_id = a.id where a.id = ${created.id}`
		);
		expect(stored).toEqual({ title: 'Convention Capital Filles 2026-2028', version: 1, name: 'a.pdf' });
		expect(await countRows(database.db, 'audit_events')).toBe(audits);
	});

	it('a partner reads the agreements her organisation signed, and no other', async () => {
		const hers = await createAgreement(database.db, t.scope, actor, agreementInput({ partyIds: [String(orgs[3]), String(orgs[4])] }));
		const notHers = await createAgreement(database.db, t.scope, actor, agreementInput({ partyIds: [String(orgs[5])] }));
		const partner: Principal = {
			userId: 'partenaire',
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: orgs[4]! }]
		};
		const visible = (await listAgreements(database.db, t.scope, partner)).map((a) => a.id);
		expect(visible).toContain(hers.id);
		expect(visible).not.toContain(notHers.id);
		expect((await getAgreement(database.db, t.scope, partner, hers.id)).parties.map((p) => p.id).sort()).toEqual([orgs[3], orgs[4]].sort());
		await expect(getAgreement(database.db, t.scope, partner, notHers.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getAgreementFile(database.db, t.scope, partner, notHers.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('initiatives rest on agreements', () => {
	it('each initiative lists the agreements it rests on, and a partner only those her organisation signed', async () => {
		const initiative = t.initiatives[3]!.id;
		const signedByHer = await createAgreement(
			database.db,
			t.scope,
			actor,
			agreementInput({ title: 'A — accord cadre', partyIds: [String(orgs[6])], initiativeIds: [String(initiative)] })
		);
		const notHers = await createAgreement(
			database.db,
			t.scope,
			actor,
			agreementInput({ title: 'B — avenant', partyIds: [String(orgs[7])], initiativeIds: [String(initiative)] })
		);
		const stored = await rows<{ agreement_id: number }>(sql`select agreement_id from initiative_agreements where initiative_id = ${initiative} order by 1`);
		expect(stored.map((r) => r.agreement_id)).toEqual([signedByHer.id, notHers.id]);
		expect((await agreementsByInitiative(database.db, t.scope, coordinator)).get(initiative)).toEqual([
			{ id: signedByHer.id, title: 'A — accord cadre' },
			{ id: notHers.id, title: 'B — avenant' }
		]);
		const partner: Principal = { userId: 'p', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: orgs[6]! }] };
		expect((await agreementsByInitiative(database.db, t.scope, partner)).get(initiative)).toEqual([{ id: signedByHer.id, title: 'A — accord cadre' }]);
		expect((await agreementsByInitiative(database.db, other.scope, otherCoordinator)).get(initiative)).toBeUndefined();
	});
});

describe('an agreement’s status follows its dates', () => {
	const today = '2026-06-15';
	it.each([
		['upcoming', { startsOn: '2026-09-01', endsOn: '2028-08-31', reminderDays: 60 }],
		['active', { startsOn: '2026-01-01', endsOn: '2027-12-31', reminderDays: 60 }],
		['active', { startsOn: null, endsOn: null, reminderDays: 60 }],
		['renewal_due', { startsOn: '2025-01-01', endsOn: '2026-08-14', reminderDays: 60 }],
		['renewal_due', { startsOn: '2025-01-01', endsOn: '2026-06-15', reminderDays: 0 }],
		['expired', { startsOn: '2024-01-01', endsOn: '2026-06-14', reminderDays: 60 }]
	] as const)('%s: %o', (status, dates) => {
		expect(agreementStatus(dates, today)).toBe(status);
	});
});
