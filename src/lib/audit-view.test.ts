import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import AuditList from './components/AuditList.svelte';
import { NO_NAMES, presentAudit } from './audit-view';
import { translator } from './i18n';
import { auditRow } from '../../tests/support/audit';

const row = auditRow;

const text = (html: string) =>
	html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, '')
		.replace(/[ \t\n]+/g, ' '); // not \s: it would turn the no-break space before French colons into a space

describe('audit traces read as sentences, not codes', () => {
	it('a password change and an end of membership are labelled, and the account is named, not "n° <id>"', () => {
		const rows = [
			row({ id: 1, action: 'change_password', entityType: 'user', entityId: 'abc123' }),
			row({ id: 2, action: 'end_membership', entityType: 'user', entityId: 'def456' })
		];
		const names = {
			...NO_NAMES,
			users: new Map([
				['abc123', 'Claire Dupont'],
				['def456', 'paul@example.org']
			])
		};
		const fr = presentAudit(rows, { t: translator('fr'), locale: 'fr', slug: 'flandre', names });
		expect(fr.map((v) => [v.actionLabel, v.subject])).toEqual([
			['Changement de mot de passe', 'Claire Dupont'],
			['Retrait du territoire', 'paul@example.org']
		]);
		const en = presentAudit(rows, { t: translator('en'), locale: 'en', slug: 'flandre', names });
		expect(en.map((v) => v.actionLabel)).toEqual(['Password changed', 'Removed from the territory']);
	});

	it("a record's history names the commune and the initiative from the page's names, and spaces colon and arrow per language", () => {
		const entries = [
			row({ before: { communeCode: '62040', initiativeId: 1, status: 'done' }, after: { communeCode: '62525', initiativeId: 2, status: 'cancelled' } })
		];
		const names = {
			...NO_NAMES,
			initiatives: new Map([
				['1', 'Réseau Verr’Elles'],
				['2', 'Forum']
			]),
			communes: new Map([
				['62040', 'Arques'],
				['62525', 'Longuenesse']
			])
		};
		const fr = text(render(AuditList, { props: { entries, t: translator('fr'), locale: 'fr', heading: 'Historique', names } }).body);
		expect(fr).toContain('Commune\u00a0: Arques → Longuenesse');
		expect(fr).toContain('Initiative\u00a0: Réseau Verr’Elles → Forum');
		expect(fr).toContain('Statut\u00a0: Réalisée → Annulée');
		const en = text(render(AuditList, { props: { entries, t: translator('en'), locale: 'en', heading: 'History', names } }).body);
		expect(en).toContain('Status: Completed → Cancelled');
	});
});
