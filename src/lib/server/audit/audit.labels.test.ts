import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_VALUE_FORMATS, AUDIT_VALUE_FORMATS_BY_ENTITY, AVAILABILITY_KIND_CODES, valueFormat } from '../../audit-values';
import { AUDIT_HIDDEN_FIELDS, NO_NAMES, presentAudit, type AuditNames, type AuditRow, type AuditView } from '../../audit-view';
import { auditedFields } from '../../../../tests/support/source-ast';
import { REQUEST_STATES, REQUEST_WORKFLOW, REQUESTER_KINDS } from '../../domain/request-workflow';
import { translator } from '../../i18n';
import { AVAILABILITY_KINDS } from '../role-models/role-models.schemas';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';
import { auditRow } from '../../../../tests/support/audit';

/** The server's source files, tests left out: their paths. */
function sourcePaths(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourcePaths(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
	});
}

/** The server's source files, tests left out. */
function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
	});
}

const labelled = (key: string) => key in fr && key in en;

describe('the journal names every action and every kind of record in words, never by its code', () => {
	const texts = sources(join(import.meta.dirname, '..'));
	const literal = (pattern: RegExp) => [...new Set(texts.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1]!)))];

	it('each action recorded has a French and an English label', () => {
		const actions = [
			...literal(/recordAudit\([^)]*?action: '([a-z_]+)'/gs),
			...literal(/\{\s*action: '([a-z_]+)',\s*entityType/g),
			...Object.keys(REQUEST_WORKFLOW),
			'answer_accept',
			'answer_decline'
		];
		expect(actions.length).toBeGreaterThan(30);
		expect(actions.filter((a) => !labelled(`audit.action.${a}`))).toEqual([]);
	});

	it('each kind of record has a French and an English label', () => {
		const entities = [...literal(/entityType: '([a-z_]+)'/g), ...literal(/const ENTITY = '([a-z_]+)'/g)];
		expect(entities.length).toBeGreaterThan(10);
		expect(entities.filter((e) => !labelled(`audit.entity.${e}`))).toEqual([]);
	});
});

describe('the journal names every detail of every trace in words, never by its code name', () => {
	it('each field a recordAudit call can write (read with the type checker: literals, snapshots, rows) has a French and an English label', () => {
		const { fields, untyped, calls } = auditedFields(
			sourcePaths(join(import.meta.dirname, '..')).filter((p) => readFileSync(p, 'utf8').includes('recordAudit('))
		);
		expect(calls).toBeGreaterThan(80);
		// A trace whose before/after is `unknown` cannot be read here: give it a type (a snapshot function).
		expect(untyped).toEqual([]);
		expect([...fields.keys()]).toEqual(expect.arrayContaining(['title', 'rows', 'created', 'duplicates', 'activityIds', 'file', 'target']));
		const missing = [...fields]
			.filter(([field]) => !AUDIT_HIDDEN_FIELDS.has(field) && !labelled(`audit.field.${field}`))
			.map(([field, where]) => `${field} (${[...new Set(where)].join(', ')})`);
		expect(missing).toEqual([]);
	}, 240_000);

	const row = (over: Partial<AuditRow>) =>
		auditRow({ action: 'import', entityType: 'activity_import', entityId: '41', actorLabel: 'camille@example.org', ...over });
	const lines = (v: AuditView) => v.changes.map((c) => `${c.label} : ${c.after}`);

	it('an import is named by its file (else by the activities it wrote), its counts in words', () => {
		const after = { file: 'suivi.xlsx', rows: 5, created: 5, duplicates: 0, participations: 1250, activityIds: '41–45' };
		const [named, unnamed] = presentAudit([row({ after }), row({ id: 2, after: { ...after, file: null } })], {
			t: translator('fr'),
			locale: 'fr',
			slug: 'flandre',
			names: NO_NAMES
		});
		expect(named!.subject).toBe('suivi.xlsx');
		expect(unnamed!.subject).toBe('Actions n° 41–45');
		expect(lines(named!)).toEqual([
			'Fichier : suivi.xlsx',
			'Lignes : 5',
			'Actions créées : 5',
			'Doublons : 0',
			'Participations : 1\u202f250',
			'Actions n° : 41–45'
		]);
		const [english] = presentAudit([row({ after })], { t: translator('en'), locale: 'en', slug: 'flandre', names: NO_NAMES });
		expect(english!.changes.map((c) => c.label)).toEqual(['File', 'Rows', 'Activities created', 'Duplicates', 'Participations', 'Activities no.']);
	});

	it('a field without a label (an old trace) and linked records never show a code name', () => {
		const names: AuditNames = { ...NO_NAMES, organisations: new Map([['3', 'Capital Filles']]) };
		const [old, initiative] = presentAudit(
			[
				row({ entityType: 'activity', action: 'update', before: { legacyFlag: 1 }, after: { legacyFlag: 2 } }),
				row({
					id: 2,
					entityType: 'initiative',
					action: 'create',
					after: { organisations: [{ organisationId: 3, role: 'lead' }], activityTypes: ['forum'], importKey: 'abc.1' }
				})
			],
			{ t: translator('fr'), locale: 'fr', slug: 'flandre', names }
		);
		expect(old!.changes.map((c) => c.label)).toEqual(['Autre information']);
		expect(lines(initiative!)).toEqual(['Structures : Capital Filles (Pilote)', 'Types d’actions : Forum, salon']);
	});
});

/** The role-model network's use cases: what they record in the journal. */
const NETWORK_DOMAINS = ['interventions', 'role-models', 'mentoring', 'outbox', 'calendar'];

/** Enum-valued fields declared in these domains that the journal never shows, and why. */
const NOT_IN_THE_JOURNAL: Record<string, string> = {
	move: 'the API’s name of a move: the journal shows it as the action itself',
	actorKind: 'request_transitions: the request page’s history, not the journal',
	purpose: 'action_links: never audited (secret links)',
	decision: 'an answer’s form field: recorded as the action answer_accept / answer_decline'
};

describe('the journal shows the values inside changes in words, never by their code', () => {
	const files = NETWORK_DOMAINS.flatMap((d) => sources(join(import.meta.dirname, '..', d)));
	const fields = (pattern: RegExp, group = 1) => [...new Set(files.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[group]!)))];
	/** Inside the objects a recordAudit call stores: keys given a code literally (`status: 'withdrawn'`, `role: 'requester'`). */
	const auditedLiterals = () =>
		[
			...new Set(
				files.flatMap((text) =>
					[...text.matchAll(/recordAudit\((?:[^;]|;(?!\s*\n))*?\}\);/gs)].flatMap((call) =>
						[...call[0].matchAll(/(\w+): '[a-z_]+'/g)].map((m) => m[1]!).filter((k) => k !== 'action' && k !== 'entityType')
					)
				)
			)
		] as string[];

	it('every enum-valued field the network records has a value formatter (a new one fails here until it has its line and its labels)', () => {
		const enumFields = [
			// schemas: one code from a list, or ticked codes
			...fields(/(\w+): z\.enum\(/g),
			...fields(/(\w+): codes\(/g),
			// tables: a column documented by its codes (`/** school | firm … */ requesterKind`)
			...fields(/\/\*\*\s*[a-z_]+(?:\s*\|\s*[a-z_]+)+\s*\*\/\s*(\w+):/g),
			// codes written as such into an audit trace
			...auditedLiterals(),
			// the request's state, from the workflow
			'state'
		];
		expect(enumFields).toEqual(expect.arrayContaining(['requesterKind', 'audience', 'level', 'kind', 'status', 'preferredAudiences', 'role']));
		const formatted = new Set([...Object.keys(AUDIT_VALUE_FORMATS), ...Object.values(AUDIT_VALUE_FORMATS_BY_ENTITY).flatMap((f) => Object.keys(f))]);
		const missing = [...new Set(enumFields)].filter((f) => !(f in NOT_IN_THE_JOURNAL) && !formatted.has(f));
		expect(missing).toEqual([]);
	});

	it('every code of every formatter has a French and an English label', () => {
		const formats = [...Object.values(AUDIT_VALUE_FORMATS), ...Object.values(AUDIT_VALUE_FORMATS_BY_ENTITY).flatMap((f) => Object.values(f))];
		const missing = formats.flatMap((f) => {
			const prefix = 'enum' in f ? f.enum : 'enums' in f ? f.enums : null;
			const values = 'values' in f ? (f.values ?? []) : [];
			return prefix ? values.map((v) => `${prefix}.${v}`).filter((k) => !labelled(k)) : [];
		});
		expect(formats.length).toBeGreaterThan(20);
		expect(missing).toEqual([]);
	});

	it('the formatters list the codes the domain lists (availability kinds, requester kinds, states)', () => {
		expect([...AVAILABILITY_KIND_CODES]).toEqual([...AVAILABILITY_KINDS]);
		expect(valueFormat('intervention_request', 'state')).toMatchObject({ values: REQUEST_STATES });
		expect(valueFormat('intervention_request', 'requesterKind')).toMatchObject({ values: REQUESTER_KINDS });
	});
});

describe('a trace of the network reads as sentences', () => {
	const row = (over: Partial<AuditRow>): AuditRow => ({
		id: 1,
		action: 'fill',
		entityType: 'intervention_request',
		entityId: '7',
		actorLabel: 'la plateforme (automatique)',
		actorUserId: 'platform',
		ip: null,
		createdAt: '2026-03-02T10:00:00Z',
		before: null,
		after: null,
		...over
	});
	const names: AuditNames = {
		...NO_NAMES,
		organisations: new Map([['12', 'Collège de la Morinie']]),
		networks: new Map([['3', 'Verr’Elles']]),
		roleModels: new Map([['5', 'Amina Benali']]),
		interventionKinds: new Map([['classroom_talk', 'Intervention en classe']])
	};
	const line = (v: AuditView) => v.changes.map((c) => (c.before === null ? `${c.label} : ${c.after}` : `${c.label} : ${c.before} → ${c.after}`));

	it('codes become labels, ids become names or « n° 12 », in French and in English', () => {
		const request = row({
			action: 'submit',
			after: { requesterKind: 'school', kindCode: 'classroom_talk', audience: 'girls', level: 'college', state: 'submitted', networkId: 3, organisationId: 99 }
		});
		const move = row({ id: 2, action: 'complete', before: { state: 'confirmed' }, after: { state: 'done' } });
		const answer = row({ id: 3, action: 'answer_accept', before: { profileId: 5, status: 'proposed' }, after: { profileId: 5, status: 'accepted' } });
		const mentor = row({ id: 8, action: 'mentor_add', entityType: 'mentoring_cohort', after: { profileId: 5 } });
		const cohort = row({ id: 4, action: 'create', entityType: 'mentoring_cohort', after: { schoolOrganisationId: 12, pairsFormed: 8 } });
		const slot = row({ id: 5, action: 'create', entityType: 'role_model_availability', after: { kind: 'weekly', weekday: 2 } });
		const profile = row({
			id: 6,
			action: 'update',
			entityType: 'role_model',
			before: { preferredLevels: [], languages: ['fr'] },
			after: { preferredLevels: ['college', 'lycee_pro'], languages: ['fr', 'en'] }
		});
		const organisation = row({ id: 7, action: 'create', entityType: 'organisation', after: { kind: 'school' } });
		const fr = presentAudit([request, move, answer, cohort, slot, profile, organisation, mentor], {
			t: translator('fr'),
			locale: 'fr',
			slug: 'flandre',
			names
		});
		expect(fr.map(line)).toEqual(
			[
				[
					'Demandeur : Établissement scolaire',
					'Type d’intervention : Intervention en classe',
					'Public : Filles',
					'Niveau : Collège',
					'État : Reçue',
					'Réseau : Verr’Elles',
					'Organisation : n° 99'
				],
				['État : Confirmée → Réalisée'],
				['Statut : sollicitée → a accepté'],
				['Établissement : Collège de la Morinie', 'Binômes formés : 8'],
				['Nature : Chaque semaine', 'Jour : mardi'],
				['Niveaux préférés : (vide) → Collège, Lycée professionnel', 'Langues : français → français, anglais'],
				['Nature : Établissement scolaire'],
				['Intervenante : Amina Benali']
			].map((lines) => lines.map((l) => l.replace('(vide)', translator('fr')('audit.empty_value'))))
		);
		const en = presentAudit([move, organisation], { t: translator('en'), locale: 'en', slug: 'flandre', names });
		expect(en.map(line)).toEqual([['State : Confirmed → Done'], ['Kind : School']]);
	});

	it('the platform’s own moves are credited to the platform; a command typed by an administrator stays the command line’s', () => {
		const t = translator('fr');
		const views = presentAudit(
			[
				row({ id: 1 }),
				// recorded before the platform had its own actor: the command line never moves a request
				row({ id: 2, actorUserId: 'system', actorLabel: 'mixite (ligne de commande)' }),
				row({ id: 3, entityType: 'territory', action: 'create', actorUserId: 'system', actorLabel: 'mixite (ligne de commande)' }),
				row({ id: 4, action: 'take_place', actorUserId: 'role_model:5', actorLabel: 'intervenante' })
			],
			{ t, locale: 'fr', slug: 'flandre', names }
		);
		expect(views.map((v) => v.actor)).toEqual([
			'La plateforme (automatique)',
			'La plateforme (automatique)',
			'mixite (ligne de commande)',
			'Intervenante (Amina Benali)'
		]);
		expect(presentAudit([row({})], { t: translator('en'), locale: 'en', slug: 'flandre', names })[0]!.actor).toBe('The platform (automatic)');
	});
});
