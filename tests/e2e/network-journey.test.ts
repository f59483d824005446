import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { COORDINATOR, createCoordinator, parisDate, sendInterventionRequest, T, TERRITORY } from './support/app';
import { expectNoAxeViolations, expectNoSidewaysScroll, screenshot } from './support/checks';
import { ROOT, type TestServer } from './support/server';
import { startApp, type App } from './support/start';

/*
 * Issue #8, done when: a school asks for a classroom talk on the public form; the coordinator
 * qualifies it and proposes it to two role models; both accept from the signed link in the e-mail
 * received by the test's SMTP server; the iCal feed of each (parsed with ical.js) holds the event;
 * the reminder is sent; after the date the school reports 28 pupils (15 girls, 13 boys, 3e) and the
 * indicator rises by exactly 28 under the right initiative; a second, different report is flagged,
 * not added. The outbox shows every message of the journey, and a run with the SMTP server stopped
 * then restarted loses none.
 */

const execFileAsync = promisify(execFile);
const SPEAKER_PASSWORD = 'Verrelles-e2e-2026!';
const SCHOOL = 'claire.martin@college-monnet.example';
const SPEAKERS = [
	{ firstName: 'Nadia', lastName: 'Benali', email: 'nadia.benali@arc.example' },
	{ firstName: 'Sophie', lastName: 'Lefebvre', email: 'sophie.lefebvre@arc.example' }
];
/**
 * The intervention's day: today (a coordinator cannot date it in the past). The report is sent now,
 * over HTTP, and a done activity cannot be dated in the future; what happens before the date (the
 * reminder) and after it (the completion) is replayed with `jobs run --at`.
 */
const DAY = parisDate(0);

const to = (address: string) => (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((a) => a?.text.includes(address));
const linkIn = (mail: ParsedMail, pathPrefix: string) => {
	const match = new RegExp(`https?://\\S+${pathPrefix}\\S+`).exec(mail.text ?? '');
	if (!match) throw new Error(`No ${pathPrefix} link in:\n${mail.text}`);
	return match[0];
};
const icsOf = (mail: ParsedMail) => {
	const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
	if (!part) throw new Error(`No calendar in « ${mail.subject} »`);
	return part.content.toString('utf8');
};

/** Waits for a message, naming what was awaited and listing what came when it does not arrive. */
async function mailFor(smtp: TestSmtpServer, what: string, predicate: (mail: ParsedMail) => boolean, timeoutMs = 30_000): Promise<ParsedMail> {
	try {
		return await smtp.waitFor(predicate, timeoutMs);
	} catch (error) {
		const seen = smtp.messages.map((m) => `${(Array.isArray(m.to) ? m.to : [m.to]).map((a) => a?.text).join(',')}: ${m.subject}`).join('\n  ');
		throw new Error(`${what}: ${(error as Error).message}\n  ${seen}`, { cause: error });
	}
}

/**
 * Runs `mixite jobs run --at` against the running server's database (through its control socket).
 * Asynchronously: the test's SMTP server lives in this process and must answer meanwhile.
 */
async function jobsRunAt(server: TestServer, smtp: TestSmtpServer, at: string) {
	const { stdout } = await execFileAsync(process.execPath, [path.join(ROOT, 'cli', 'mixite.js'), 'jobs', 'run', '--at', at, '--json'], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: server.dataDir, SMTP_URL: smtp.url },
		encoding: 'utf8',
		timeout: 120_000
	});
	const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as { mail: { retried: number; failed: number } };
	expect(report.mail, `mixite jobs run --at ${at}: ${stdout}`).toMatchObject({ retried: 0, failed: 0 });
	return report;
}

/** This minute in Paris, as `mixite jobs run --at` reads it. */
const nowInParis = () =>
	`${parisDate(0)}T${new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date())}`;

/** The indicator's participations of one initiative, from the public API. */
async function participationsOf(baseURL: string, initiative: string): Promise<number> {
	const response = await fetch(`${baseURL}/api/v1/territories/${TERRITORY}/indicator`);
	const body = (await response.json()) as { data: { byInitiative: { label: string; participations: number }[] } };
	const row = body.data.byInitiative.find((i) => i.label === initiative);
	if (!row) throw new Error(`No initiative « ${initiative} » in ${JSON.stringify(body.data.byInitiative)}`);
	return row.participations;
}

describe('the role-model network runs an intervention from the request to the accounting', () => {
	let smtp: TestSmtpServer;
	let app: App;
	let coordinator: Page;

	beforeAll(async () => {
		smtp = await startSmtpServer();
		app = await startApp({ env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '500' } });
		({ page: coordinator } = await app.newPage());
		await createCoordinator(coordinator, app.server.setupLink, COORDINATOR);
	}, 300_000);

	afterAll(async () => {
		await app?.stop();
		await smtp?.stop();
	});

	it('request, proposal, answers by e-mail link, calendars, reminder, report into the indicator, a second report flagged', { timeout: 600_000 }, async () => {
		// The coordinator records the two role models of Verr'Elles.
		for (const s of SPEAKERS) {
			await coordinator.goto(`${T}/intervenantes/nouvelle`);
			await coordinator.locator('[name=firstName]').fill(s.firstName);
			await coordinator.locator('[name=lastName]').fill(s.lastName);
			await coordinator.locator('[name=email]').fill(s.email);
			await coordinator.getByRole('checkbox', { name: 'Verr’Elles' }).check();
			await Promise.all([coordinator.waitForURL(/\/intervenantes\/\d+/), coordinator.locator('form button[type=submit]').last().click()]);
			// Invited by e-mail: her account will give her "Mon profil", her interventions and her calendar feed.
			await coordinator.getByRole('button', { name: 'L’inviter par e-mail' }).click();
			await coordinator.waitForLoadState('networkidle');
		}

		// A school asks on the public form, without an account.
		const { page: school, context: schoolContext } = await app.newPage(390);
		await school.goto(`${T}/demander`);
		await sendInterventionRequest(school, { organisation: 'Collège Jean Monnet', email: SCHOOL, group: '3e B' });
		const received = await mailFor(smtp, 'the request received', to(SCHOOL));
		expect(received.html).toContain('<a href=');
		const followLink = linkIn(received, '/demande/');

		// The coordinator qualifies it on the board and proposes it to both.
		await coordinator.goto(`${T}/demandes`);
		await coordinator
			.getByRole('link', { name: /Collège Jean Monnet/ })
			.first()
			.click();
		await coordinator.waitForURL(/\/demandes\/\d+/);
		const requestPage = coordinator.url();
		// The school is not in the directory yet: one link opens the directory's form, filled from the request.
		await Promise.all([coordinator.waitForURL(/\/organisations\/nouvelle\?/), coordinator.getByRole('link', { name: 'L’ajouter à l’annuaire' }).click()]);
		expect(await coordinator.getByLabel('Nom', { exact: true }).inputValue()).toBe('Collège Jean Monnet');
		expect(await coordinator.getByLabel('Type de structure').inputValue()).toBe('school');
		await coordinator.goto(requestPage);
		expect(await coordinator.locator('dl.summary').first().textContent()).toContain(`Claire Martin · ${SCHOOL}`);
		await coordinator.getByLabel('Réseau').selectOption({ label: 'Verr’Elles' });
		await coordinator.getByLabel('Date', { exact: true }).fill(DAY);
		await coordinator.getByLabel('Début (heure de Paris)').fill('10:00');
		await coordinator.getByLabel('Fin (heure de Paris)').fill('11:30');
		await coordinator.getByLabel('Lieu').fill('Collège Jean Monnet, salle 12');
		await coordinator.getByLabel('Intervenantes : au moins').fill('2');
		await coordinator.getByLabel('Intervenantes : au plus').fill('3');
		await coordinator.getByRole('button', { name: 'Qualifier' }).click();
		await coordinator.waitForLoadState('networkidle');

		// SMTP goes down while the proposals are sent: they wait in the outbox, then all arrive.
		await smtp.stop();
		for (const s of SPEAKERS) await coordinator.getByRole('checkbox', { name: new RegExp(`${s.firstName} ${s.lastName}`) }).check();
		await coordinator.getByRole('button', { name: 'Proposer aux intervenantes cochées' }).click();
		await coordinator.waitForLoadState('networkidle');
		await coordinator.goto(`${T}/courriels`);
		await expect.poll(async () => (await coordinator.locator('main').textContent()) ?? '', { timeout: 20_000 }).toMatch(/en attente/i);
		await smtp.start();
		await jobsRunAt(app.server, smtp, nowInParis());

		// Both accept from the signed link of their e-mail, without a password.
		for (const s of SPEAKERS) {
			const proposal = await mailFor(smtp, `the proposal to ${s.email}`, (m) => to(s.email)(m) && (m.text ?? '').includes('/reponse/'), 120_000);
			const { page, context } = await app.newPage(390);
			await page.goto(linkIn(proposal, '/reponse/'));
			await expectNoAxeViolations(page);
			await page.getByRole('button', { name: 'J’accepte' }).click();
			await page.waitForLoadState('networkidle');
			expect(await page.locator('main').textContent()).toMatch(/Merci/);
			// The link answers once.
			await page.goto(linkIn(proposal, '/reponse/'));
			expect(await page.getByRole('button', { name: 'J’accepte' }).count()).toBe(0);
			await context.close();
		}

		// Confirmed: each speaker receives the invitation (.ics, Europe/Paris) and it is in her feed.
		for (const s of SPEAKERS) {
			const confirmation = await mailFor(
				smtp,
				`the confirmation to ${s.email}`,
				(m) => to(s.email)(m) && m.attachments.some((a) => a.contentType.startsWith('text/calendar'))
			);
			const vcal = new ICAL.Component(ICAL.parse(icsOf(confirmation)));
			expect(vcal.getFirstPropertyValue('method')).toBe('REQUEST');
			const event = new ICAL.Event(vcal.getFirstSubcomponent('vevent')!);
			expect(event.startDate.toString()).toBe(`${DAY}T10:00:00`);
			expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
		}
		// Each creates her account from the invitation and subscribes to her private feed: the event is in it.
		for (const s of SPEAKERS) {
			const invitation = await mailFor(smtp, `the invitation to ${s.email}`, (m) => to(s.email)(m) && (m.text ?? '').includes('/invitation/'));
			const { page, context } = await app.newPage();
			await page.goto(linkIn(invitation, '/invitation/'));
			await page.getByLabel('Nom et prénom').fill(`${s.firstName} ${s.lastName}`);
			await page.getByLabel('Mot de passe', { exact: true }).fill(SPEAKER_PASSWORD);
			await page.getByLabel('Confirmez le mot de passe').fill(SPEAKER_PASSWORD);
			await Promise.all([page.waitForURL((url) => url.pathname === `${T}/mes-interventions`), page.getByRole('button', { name: 'Créer mon compte' }).click()]);
			await page.getByRole('link', { name: 'Mon profil' }).first().click();
			await page.waitForURL(`**${T}/mon-profil`);
			await page.getByRole('button', { name: 'Générer un lien' }).click();
			const feedUrl = await page.locator('#feed-url').inputValue();
			const feed = new ICAL.Component(ICAL.parse(await (await fetch(feedUrl)).text()));
			const events = feed.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
			expect(events.map((e) => e.startDate.toString())).toContain(`${DAY}T10:00:00`);
			await expectNoSidewaysScroll(page, `network-mon-profil-${s.firstName}`);
			await context.close();
		}

		// The reminder the day before.
		const reminders = await jobsRunAt(app.server, smtp, `${parisDate(-1)}T12:00`);
		try {
			for (const s of SPEAKERS)
				await mailFor(
					smtp,
					`the reminder to ${s.email} (jobs: ${JSON.stringify(reminders)})`,
					(m) => to(s.email)(m) && /Rappel : intervention demain/.test(m.subject ?? ''),
					90_000
				);
		} catch (error) {
			await coordinator.goto(`${T}/courriels`);
			throw new Error(`${(error as Error).message}\n--- outbox page ---\n${await coordinator.locator('main').innerText()}`, { cause: error });
		}

		// The day after: the report is asked of the school and of the speakers.
		const before = await participationsOf(app.server.baseURL, 'Réseau Verr’Elles');
		await jobsRunAt(app.server, smtp, `${parisDate(1)}T08:00`);
		const ask = await mailFor(smtp, 'the report asked of the school', (m) => to(SCHOOL)(m) && (m.text ?? '').includes('/compte-rendu/'));
		await school.goto(linkIn(ask, '/compte-rendu/'));
		await school.locator('[name="aud.girls.college"]').fill('15');
		await school.locator('[name="aud.boys.college"]').fill('13');
		await school.getByLabel(/Satisfaction/).selectOption('5');
		await expectNoSidewaysScroll(school, 'network-report-390');
		await school.getByRole('button', { name: 'Envoyer le compte rendu' }).click();
		await expect.poll(async () => (await school.locator('main').innerText()).replace(/\s+/g, ' '), { timeout: 20_000 }).toContain('comptée dans l’indicateur');
		expect(await participationsOf(app.server.baseURL, 'Réseau Verr’Elles')).toBe(before + 28);

		// A speaker's different report is flagged to the coordinator, never added.
		const speakerAsk = await mailFor(smtp, 'the report asked of a speaker', (m) => to(SPEAKERS[0]!.email)(m) && (m.text ?? '').includes('/compte-rendu/'));
		const { page: speaker, context: speakerContext } = await app.newPage();
		await speaker.goto(linkIn(speakerAsk, '/compte-rendu/'));
		await speaker.locator('[name="aud.girls.college"]').fill('16');
		await speaker.locator('[name="aud.boys.college"]').fill('14');
		await speaker.getByLabel(/Satisfaction/).selectOption('4');
		await speaker.getByRole('button', { name: 'Envoyer le compte rendu' }).click();
		await expect.poll(async () => (await speaker.locator('main').innerText()).replace(/\s+/g, ' '), { timeout: 20_000 }).toContain('n’est pas ajouté');
		expect(await participationsOf(app.server.baseURL, 'Réseau Verr’Elles')).toBe(before + 28);
		await speakerContext.close();
		await coordinator.goto(requestPage);
		await screenshot(coordinator, 'network-request-page');

		// The follow link still shows the request to the school.
		await school.goto(followLink);
		expect(await school.locator('main').textContent()).toContain('Collège Jean Monnet');
		await schoolContext.close();

		// The outbox shows every message of the journey as sent, none pending or failed, none lost.
		await coordinator.goto(`${T}/courriels`);
		const text = (await coordinator.locator('main').textContent()) ?? '';
		for (const address of [SCHOOL, ...SPEAKERS.map((s) => s.email)]) expect(text).toContain(address);
		expect(smtp.messages.length).toBeGreaterThanOrEqual(1 + 2 + 2 + 2 + 3);
		await expectNoSidewaysScroll(coordinator, 'network-outbox-1280');
	});
});
