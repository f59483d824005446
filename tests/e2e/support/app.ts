import type { Browser, Page as PwPage } from 'playwright-core';
import { runCli } from '../../support/cli';
import { totp } from '../../support/totp';
import { newPage } from './browser';
import type { TestServer } from './server';

/** TOTP secrets of the accounts that turned on two-step verification, by e-mail. */
export const totpSecrets = new Map<string, string>();

export const TERRITORY = 'flandre-saint-omer';
export const T = `/t/${TERRITORY}`;

export interface Credentials {
	name: string;
	email: string;
	password: string;
}

export const COORDINATOR: Credentials = {
	name: 'Camille Durand',
	email: 'camille.durand@example.org',
	password: 'Mixite-e2e-2026!'
};

/** A date as YYYY-MM-DD in Paris time, `days` from today (negative: in the past). */
export function parisDate(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000));
}

/** French figures use (narrow) no-break spaces as thousands separators: keep the digits only. */
export function frenchNumber(text: string | null): number {
	const digits = (text ?? '').replace(/\D/g, '');
	if (digits === '') throw new Error(`Not a number: ${JSON.stringify(text)}`);
	return Number(digits);
}

/** Opens the one-time setup link and creates the first coordinator account. */
export async function createCoordinator(page: PwPage, setupLink: string, who: Credentials = COORDINATOR): Promise<void> {
	await page.goto(setupLink);
	await page.getByLabel('Nom et prénom').fill(who.name);
	await page.getByLabel('Adresse e-mail').fill(who.email);
	await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
	await page.getByLabel('Confirmez le mot de passe').fill(who.password);
	await Promise.all([page.waitForURL((url) => url.pathname === '/compte/securite'), page.getByRole('button', { name: 'Créer le compte' }).click()]);
	await enableTwoFactor(page, who);
}

/** Coordinators must turn on two-step verification: password, secret shown once, first code. */
/** Each TOTP code works once (issue #6 B6): a helper that signs in again within the same 30 s waits for the next code. */
const usedCodes = new Map<string, string>();
async function freshCode(email: string, secret: string): Promise<string> {
	let code = totp(secret);
	while (code === usedCodes.get(email)) {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		code = totp(secret);
	}
	usedCodes.set(email, code);
	return code;
}

export async function enableTwoFactor(page: PwPage, who: Credentials): Promise<void> {
	if (new URL(page.url()).pathname !== '/compte/securite') await page.goto('/compte/securite');
	await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
	await page.getByRole('button', { name: 'Activer' }).click();
	const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
	totpSecrets.set(who.email, secret);
	await page.getByLabel('Code de vérification').fill(await freshCode(who.email, secret));
	await Promise.all([page.waitForURL((url) => url.pathname !== '/compte/securite'), page.getByRole('button', { name: 'Vérifier' }).click()]);
}

export async function signIn(page: PwPage, who: Credentials = COORDINATOR): Promise<void> {
	await page.goto('/connexion');
	await page.getByLabel('Adresse e-mail').fill(who.email);
	await page.getByLabel('Mot de passe').fill(who.password);
	await Promise.all([page.waitForURL((url) => url.pathname !== '/connexion'), page.getByRole('button', { name: 'Se connecter' }).click()]);
	const secret = totpSecrets.get(who.email);
	if (secret && new URL(page.url()).pathname === '/connexion/2fa') {
		await page.getByLabel('Code de vérification').fill(await freshCode(who.email, secret));
		await Promise.all([page.waitForURL((url) => url.pathname !== '/connexion/2fa'), page.getByRole('button', { name: 'Vérifier' }).click()]);
	}
}

/** The headline figure of the indicator page (all time, all initiatives). */
export async function readIndicatorTotal(page: PwPage): Promise<number> {
	await page.goto(`${T}/indicateur`);
	return frenchNumber(await page.getByTestId('participations-total').textContent());
}

export interface ActivityFields {
	title: string;
	date: string;
	status?: 'done' | 'planned';
	communeCode?: string;
	type?: string;
	/** The initiative as named in its list (default: the first one offered). */
	initiative?: string;
	/** e.g. { 'girls.lycee_pro': 12, 'teachers.lycee_pro': 3 } → inputs named aud.girls.lycee_pro … */
	audiences: Record<string, number | string>;
	notes?: string;
}

/** Fills the "Enregistrer une action" form (new or edit) without submitting it. */
export async function fillActivityForm(page: PwPage, a: ActivityFields): Promise<void> {
	await page.getByLabel('Intitulé').fill(a.title);
	const initiative = page.getByLabel('Initiative', { exact: true });
	const option = a.initiative ? initiative.locator('option', { hasText: a.initiative }) : initiative.locator('option:not([value=""])').first();
	await initiative.selectOption((await option.getAttribute('value'))!);
	await page.getByLabel('Type d’action').selectOption(a.type ?? 'school_visit');
	await page.getByLabel('Date', { exact: true }).fill(a.date);
	await page.getByLabel('Statut').selectOption(a.status ?? 'done');
	await page.getByLabel('Commune').selectOption(a.communeCode ?? '62765');
	for (const [cell, count] of Object.entries(a.audiences)) {
		await page.locator(`input[name="aud.${cell}"]`).fill(String(count));
	}
	if (a.notes) await page.getByLabel('Notes').fill(a.notes);
}

export async function submitActivityForm(page: PwPage): Promise<void> {
	await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await page.waitForLoadState('load');
}

/** Records a done activity through the UI and returns its id (from the ?saved=1 redirect). */
export async function recordActivity(page: PwPage, a: ActivityFields): Promise<number> {
	await page.goto(`${T}/actions/nouvelle`);
	await fillActivityForm(page, a);
	await Promise.all([page.waitForURL(new RegExp(`${T}/actions/\\d+\\?saved=1$`)), page.getByRole('button', { name: 'Enregistrer', exact: true }).click()]);
	return Number(new URL(page.url()).pathname.split('/').pop());
}

/** The app's CSV exports (`;`, BOM, quoted fields) read by csv-parse. */
export { parseCsv } from '../../support/csv';

/** What a requester types on the public form « Demander une intervention » (`/t/<slug>/demander`). */
export interface InterventionRequestFields {
	organisation: string;
	email: string;
	/** The class or group (optional field). */
	group?: string;
	/** The wished period, in days from today (Paris): the form refuses a period already over. */
	fromDays?: number;
	toDays?: number;
}

/** Fills the public request form of a school's contact (Saint-Omer, a classroom talk for 28 girls in collège), without sending it. */
export async function fillInterventionRequest(page: PwPage, r: InterventionRequestFields): Promise<void> {
	await page.getByLabel('Vous êtes').selectOption('school');
	await page.getByLabel('Nom de la structure').fill(r.organisation);
	await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Saint-Omer' });
	await page.getByLabel('Type d’intervention').selectOption('classroom_talk');
	await page.getByLabel('Public', { exact: true }).selectOption('girls');
	await page.getByLabel('Niveau').selectOption('college');
	if (r.group) await page.getByLabel('Classe(s) ou groupe(s) concernés (facultatif)').fill(r.group);
	await page.getByLabel('Nombre de personnes attendues').fill('28');
	await page.getByLabel('Période souhaitée : à partir du').fill(parisDate(r.fromDays ?? 7));
	await page.getByLabel('Période souhaitée : jusqu’au').fill(parisDate(r.toDays ?? 20));
	await page.getByLabel('Nom et prénom').fill('Claire Martin');
	await page.getByLabel('Adresse e-mail').fill(r.email);
}

/** The form refuses what is sent within 3 seconds of being shown: a person reads it first. */
export const readTheForm = (page: PwPage) => page.waitForTimeout(3_200);

/** Fills the form already open on the page, reads it as a person does, sends it and waits for the thank-you page. */
export async function sendInterventionRequest(page: PwPage, r: InterventionRequestFields): Promise<void> {
	await fillInterventionRequest(page, r);
	await readTheForm(page);
	await Promise.all([page.waitForURL(`**${T}/demander/merci`), page.getByRole('button', { name: 'Envoyer la demande' }).click()]);
}

export const PLATFORM_ADMIN: Credentials = { name: 'Alex Martin', email: 'alex.martin@example.org', password: 'Mixite-admin-2026!' };

/**
 * A platform administrator: the first account (setup link) is a coordinator, so the
 * administrator's link comes from `mixite user create --admin`; her account then turns on TOTP.
 */
export async function createPlatformAdmin(browser: Browser, server: TestServer, who: Credentials = PLATFORM_ADMIN): Promise<void> {
	const cli = await runCli(['user', 'create', '--admin'], { DATA_DIR: server.dataDir });
	const link = /(http:\/\/\S+\/installation\/[\w-]{40,})/.exec(cli.stdout)?.[1];
	if (!link) throw new Error(`no setup link printed: ${cli.stdout}${cli.stderr}`);
	const { context, page } = await newPage(browser, server.baseURL);
	await createCoordinator(page, link, who);
	await context.close();
}
