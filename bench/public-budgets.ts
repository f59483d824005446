/**
 * npm run bench:public — the budgets of every public page template (issue #9 point 7), measured with
 * Debian's Chromium against the built server (`npm run build` first) started by `mixite serve` on a
 * fresh DATA_DIR with the demo loaded:
 *   - the page works without JavaScript (200 and its h1 with JavaScript disabled);
 *   - JavaScript transferred (compressed) ≤ 30 KB; everything of the first load ≤ 500 KB, video excluded;
 *   - the HTML is served compressed (Content-Encoding);
 *   - axe-core (WCAG 2.1 A and AA): no violation;
 *   - Lighthouse 12, mobile (its default: emulated phone, simulated slow 4G and 4× CPU slowdown):
 *     performance ≥ 95, accessibility 100, best practices ≥ 95, SEO ≥ 95. As Lighthouse's own
 *     command does, each run gets a Chromium of its own started by chrome-launcher with
 *     Lighthouse's flags (not the Playwright browser of the other measures, whose contexts and
 *     flags weigh on the page's main thread), and, as Lighthouse's documentation on variability
 *     advises, each page is run LIGHTHOUSE_RUNS times and the run of median performance is kept.
 * Prints a table, writes the « Public pages budgets » section of BENCHMARKS.md and exits 1 when a
 * budget fails. BENCH_OUTPUT=<file> writes elsewhere; BENCH_NO_LIGHTHOUSE=1 skips Lighthouse.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium, type Browser } from 'playwright-core';
import { startServer } from '../tests/e2e/support/server';
import { replaceSection } from './sections';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = process.env.BENCH_OUTPUT ?? path.join(ROOT, 'BENCHMARKS.md');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TERRITORY = '/t/demo';
/** Lighthouse runs per page; the one of median performance is reported (odd, so there is one). */
const LIGHTHOUSE_RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);

export const BUDGETS = {
	scriptKB: 30,
	totalKB: 500,
	performance: 95,
	accessibility: 100,
	bestPractices: 95,
	seo: 95
} as const;

/**
 * Every public page template: one address each. Extend this list when a public page is added
 * (portraits, initiatives, métiers et formations…). A page of one record names it by a placeholder
 * (`{witness}`, `{portrait}`): it is replaced by the first one its list page links to (SAMPLES), and
 * the page is left out when the demo has none.
 */
export const PUBLIC_PAGES: { template: string; path: string }[] = [
	{ template: '/', path: '/' },
	{ template: '/t/<slug>', path: TERRITORY },
	{ template: '/t/<slug>/indicateur', path: `${TERRITORY}/indicateur` },
	{ template: '/t/<slug>/carte', path: `${TERRITORY}/carte` },
	{ template: '/t/<slug>/fiche', path: `${TERRITORY}/fiche` },
	{ template: '/t/<slug>/interventions-ouvertes', path: `${TERRITORY}/interventions-ouvertes` },
	{ template: '/t/<slug>/demander', path: `${TERRITORY}/demander` },
	{ template: '/t/<slug>/temoins', path: `${TERRITORY}/temoins` },
	{ template: '/t/<slug>/temoins/<id>', path: `${TERRITORY}/temoins/{witness}` },
	{ template: '/t/<slug>/initiatives', path: `${TERRITORY}/initiatives` },
	{ template: '/t/<slug>/portraits', path: `${TERRITORY}/portraits` },
	{ template: '/t/<slug>/portraits/<id>', path: `${TERRITORY}/portraits/{portrait}` },
	{ template: '/t/<slug>/metiers-formations', path: `${TERRITORY}/metiers-formations` },
	{ template: '/mentions-legales', path: '/mentions-legales' },
	{ template: '/accessibilite', path: '/accessibilite' },
	{ template: '/donnees-personnelles', path: '/donnees-personnelles' },
	{ template: '/plan-du-site', path: '/plan-du-site' },
	{ template: '/plans', path: '/plans' }
];

/** Where each placeholder's record is found: its list page, and the label used when there is none. */
const SAMPLES: Record<string, { list: string; none: string }> = {
	witness: { list: `${TERRITORY}/temoins`, none: 'the demo has no public profile' },
	portrait: { list: `${TERRITORY}/portraits`, none: 'the demo has no online portrait' }
};

interface Scores {
	performance: number;
	accessibility: number;
	bestPractices: number;
	seo: number;
	/** The audits that cost points, by category, heaviest first (what to fix). */
	weak: Record<string, string[]>;
	/** Lighthouse's measure of this machine's speed at the time (BenchmarkIndex; a 2020 mid-range laptop scores ~1,000–1,500). */
	benchmarkIndex: number;
	/** Every run's performance score, lowest first. */
	runs: number[];
}

interface Measure {
	template: string;
	path: string;
	noJs: { ok: boolean; why?: string };
	scriptBytes: number;
	totalBytes: number;
	encoding: string | null;
	axe: { count: number; ids: string[] };
	lighthouse: Scores | { error: string } | null;
	failures: string[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function withoutJavaScript(browser: Browser, url: string): Promise<{ ok: boolean; why?: string }> {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
	try {
		const page = await context.newPage();
		const response = await page.goto(url, { waitUntil: 'load' });
		if (response?.status() !== 200) return { ok: false, why: `HTTP ${response?.status()}` };
		const h1 = page.locator('h1');
		if ((await h1.count()) !== 1 || !(await h1.first().isVisible())) return { ok: false, why: `${await h1.count()} visible h1` };
		return { ok: true };
	} finally {
		await context.close();
	}
}

/** First load in a fresh context (empty cache): bytes on the wire by resource type, the document's encoding, axe. */
async function firstLoad(browser: Browser, url: string) {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
	try {
		const page = await context.newPage();
		let scriptBytes = 0;
		let totalBytes = 0;
		const pending: Promise<void>[] = [];
		page.on('requestfinished', (request) => {
			pending.push(
				request.sizes().then((sizes) => {
					const type = request.resourceType();
					if (type === 'media') return;
					const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
					totalBytes += bytes;
					if (type === 'script') scriptBytes += bytes;
				})
			);
		});
		const response = await page.goto(url, { waitUntil: 'networkidle' });
		await Promise.all(pending);
		const encoding = (await response?.allHeaders())?.['content-encoding'] ?? null;
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		return { scriptBytes, totalBytes, encoding, axe: { count: results.violations.length, ids: results.violations.map((v) => v.id) } };
	} finally {
		await context.close();
	}
}

/** LIGHTHOUSE_RUNS runs, each in a fresh Chromium; the run of median performance (or the first error). */
async function runLighthouse(url: string): Promise<Scores | { error: string }> {
	const runs: Scores[] = [];
	for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
		const run = await lighthouseOnce(url);
		if ('error' in run) return run;
		runs.push(run);
	}
	const sorted = runs.sort((a, b) => a.performance - b.performance);
	return { ...sorted[Math.floor(sorted.length / 2)]!, runs: sorted.map((r) => r.performance) };
}

async function lighthouseOnce(url: string): Promise<Scores | { error: string }> {
	const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox'] });
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo']
		});
		const categories = result?.lhr.categories;
		if (!categories) return { error: 'no result' };
		const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
		const runtimeError = result.lhr.runtimeError;
		if (runtimeError) return { error: `${runtimeError.code}: ${runtimeError.message}` };
		const weak: Record<string, string[]> = {};
		for (const [id, category] of Object.entries(categories)) {
			weak[id] = category.auditRefs
				.filter((ref) => ref.weight > 0 && (result.lhr.audits[ref.id]?.score ?? 1) < 0.9)
				.sort((a, b) => b.weight - a.weight)
				.slice(0, 4)
				.map((ref) => {
					const audit = result.lhr.audits[ref.id]!;
					return audit.displayValue ? `${ref.id} (${audit.displayValue})` : ref.id;
				});
		}
		return {
			performance: score('performance'),
			accessibility: score('accessibility'),
			bestPractices: score('best-practices'),
			seo: score('seo'),
			weak,
			benchmarkIndex: Math.round(result.lhr.environment.benchmarkIndex),
			runs: []
		};
	} catch (error) {
		return { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
	} finally {
		chrome.kill();
	}
}

function verdict(m: Omit<Measure, 'failures'>): string[] {
	const failures: string[] = [];
	if (!m.noJs.ok) failures.push(`without JavaScript: ${m.noJs.why}`);
	if (m.scriptBytes > BUDGETS.scriptKB * 1024) failures.push(`JavaScript ${kb(m.scriptBytes)} > ${BUDGETS.scriptKB} KB`);
	if (m.totalBytes > BUDGETS.totalKB * 1024) failures.push(`first load ${kb(m.totalBytes)} > ${BUDGETS.totalKB} KB`);
	if (!m.encoding) failures.push('HTML not compressed');
	if (m.axe.count > 0) failures.push(`axe: ${m.axe.ids.join(', ')}`);
	const lh = m.lighthouse;
	if (lh && 'error' in lh) failures.push(`Lighthouse did not run: ${lh.error}`);
	else if (lh) {
		const why = (id: string) => (lh.weak[id]?.length ? ` (${lh.weak[id]!.join(', ')})` : '');
		if (lh.performance < BUDGETS.performance) failures.push(`performance ${lh.performance} < ${BUDGETS.performance}${why('performance')}`);
		if (lh.accessibility < BUDGETS.accessibility) failures.push(`accessibility ${lh.accessibility} < ${BUDGETS.accessibility}${why('accessibility')}`);
		if (lh.bestPractices < BUDGETS.bestPractices) failures.push(`best practices ${lh.bestPractices} < ${BUDGETS.bestPractices}${why('best-practices')}`);
		if (lh.seo < BUDGETS.seo) failures.push(`SEO ${lh.seo} < ${BUDGETS.seo}${why('seo')}`);
	}
	return failures;
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');

function table(measures: Measure[]): string {
	const head =
		'| Page | No JS | JS (≤ 30 KB) | First load (≤ 500 KB) | HTML encoding | axe | Performance (≥ 95) | Accessibility (100) | Best practices (≥ 95) | SEO (≥ 95) | Machine index | Result |\n' +
		'| --- | :---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |';
	const rows = measures.map((m) => {
		const lh = m.lighthouse;
		const score = (key: Exclude<keyof Scores, 'weak' | 'benchmarkIndex' | 'runs'>, min: number) =>
			!lh ? 'skipped' : 'error' in lh ? 'error' : `${lh[key]} ${mark(lh[key] >= min)}`;
		return `| \`${m.template}\` | ${mark(m.noJs.ok)} | ${kb(m.scriptBytes)} ${mark(m.scriptBytes <= BUDGETS.scriptKB * 1024)} | ${kb(m.totalBytes)} ${mark(m.totalBytes <= BUDGETS.totalKB * 1024)} | ${m.encoding ?? 'none ✗'} | ${m.axe.count} ${mark(m.axe.count === 0)} | ${score('performance', BUDGETS.performance)}${lh && !('error' in lh) && lh.runs.length > 1 ? ` (runs: ${lh.runs.join(', ')})` : ''} | ${score('accessibility', BUDGETS.accessibility)} | ${score('bestPractices', BUDGETS.bestPractices)} | ${score('seo', BUDGETS.seo)} | ${lh && !('error' in lh) ? lh.benchmarkIndex : ''} | ${m.failures.length ? 'fail' : 'pass'} |`;
	});
	return [head, ...rows].join('\n');
}

function chromiumVersion(): string {
	try {
		return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return 'Chromium (version unknown)';
	}
}

const skipLighthouse = process.env.BENCH_NO_LIGHTHOUSE === '1';
const server = await startServer({ demo: true });
const measures: Measure[] = [];
const leftOut: string[] = [];
try {
	const samples: Record<string, string | undefined> = {};
	for (const [name, { list }] of Object.entries(SAMPLES)) {
		const html = await (await fetch(`${server.baseURL}${list}`)).text();
		samples[name] = html.match(new RegExp(`${list}/(\\d+)`))?.[1];
	}
	const pages: { template: string; path: string; url: string }[] = [];
	for (const { template, path: pattern } of PUBLIC_PAGES) {
		const placeholder = pattern.match(/\{(\w+)\}/)?.[1];
		if (placeholder && !samples[placeholder]) {
			console.log(`${template}: ${SAMPLES[placeholder]?.none ?? 'no sample'}, left out`);
			leftOut.push(`\`${template}\` (${SAMPLES[placeholder]?.none ?? 'no sample'})`);
			continue;
		}
		pages.push({ template, path: pattern, url: `${server.baseURL}${placeholder ? pattern.replace(`{${placeholder}}`, samples[placeholder] ?? '') : pattern}` });
	}
	// Playwright's measures first, for every page, and its browser closed before Lighthouse starts:
	// a browser tearing down axe's contexts beside Lighthouse's weighs on the measured main thread.
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run']
	});
	const loads = [];
	try {
		for (const page of pages) loads.push({ noJs: await withoutJavaScript(browser, page.url), ...(await firstLoad(browser, page.url)) });
	} finally {
		await browser.close();
	}
	for (const [i, page] of pages.entries()) {
		const scores = skipLighthouse ? null : await runLighthouse(page.url);
		const measure = { template: page.template, path: page.path, ...loads[i]!, lighthouse: scores };
		const done = { ...measure, failures: verdict(measure) };
		measures.push(done);
		console.log(`${page.template}: ${done.failures.length ? `FAIL (${done.failures.join('; ')})` : 'pass'}`);
	}
} finally {
	await server.stop();
}

const failing = measures.filter((m) => m.failures.length > 0);
const now = new Date().toISOString().slice(0, 16).replace('T', ' ');
const cpus = os.cpus();
const load = os.loadavg().map((l) => l.toFixed(1));
const report = `## Public pages budgets

Written by \`npm run bench:public\` (after \`npm run build\`) on ${now} UTC: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${chromiumVersion()}. The built server (\`node cli/mixite.js serve\`, embedded PGlite, fresh \`DATA_DIR\` with \`mixite demo\`) on this machine (load average at the end ${load.join(', ')}; « Machine index » is Lighthouse's BenchmarkIndex of the moment, which its simulated 4× CPU slowdown multiplies from); pages of the demo territory (\`${TERRITORY}\`). Bytes are what Chromium received for the first load in an empty cache (bodies as transferred, compressed, plus headers), video excluded; axe-core with WCAG 2.1 A and AA; Lighthouse ${skipLighthouse ? '(skipped: BENCH_NO_LIGHTHOUSE=1)' : `12 with its mobile defaults (emulated phone, simulated slow 4G, 4× CPU slowdown), each run in a Chromium of its own started by chrome-launcher as Lighthouse's command does; ${LIGHTHOUSE_RUNS} runs per page, the median kept (every run's performance in brackets, as Lighthouse's documentation on variability advises)`}.

${table(measures)}
${leftOut.length ? `\nLeft out: ${leftOut.join(', ')}.\n` : ''}
${failing.length === 0 ? 'Every budget passes.' : `Failing (${failing.length} of ${measures.length} pages):\n\n${failing.map((m) => `- \`${m.template}\`: ${m.failures.join('; ')}`).join('\n')}`}
`;
console.log(`\n${report}`);
const previous = await fs.readFile(OUTPUT, 'utf8').catch(() => '');
await fs.writeFile(OUTPUT, replaceSection(previous, 'public-budgets', report));
console.log(`Written to ${path.relative(ROOT, OUTPUT) || OUTPUT}.`);
process.exit(failing.length ? 1 : 0);
