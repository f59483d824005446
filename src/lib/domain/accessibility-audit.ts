/**
 * The déclaration d’accessibilité (RGAA 4.1) as data: the page /accessibilite only shows what is
 * written here. No RGAA audit by an auditor has been made yet; what exists is the project's own
 * automated check (axe-core, WCAG 2.1 A and AA, on every page of the end-to-end tests, at 390 and
 * 1280 px). Until a real audit counts the 106 RGAA criteria, the state is « partiellement
 * conforme » and no conformity rate is claimed. Change this file (and only this file) when an audit
 * is made: its date, who made it, the rate and the pages of its sample.
 */
export type ConformityState = 'full' | 'partial' | 'none';

export interface AccessibilityAudit {
	state: ConformityState;
	/** How the result was obtained: catalogue key of the method. */
	method: 'automated_internal' | 'rgaa_audit';
	/** The day of the check, ISO. */
	date: string;
	/** The RGAA conformity rate in percent, only when a real RGAA audit measured it. */
	rate: number | null;
	/** Automated tool and rules that were run. */
	tool: string;
	/** Pages checked (templates; every public page of every territory follows them). */
	sample: readonly string[];
	/** Violations found by the tool on the sample, at the date above. */
	automatedViolations: number;
	/** Known non-accessible content, as catalogue keys under `legal.a11y.known.*`. */
	knownIssues: readonly ('manual_criteria' | 'pdf_sheet' | 'videos_pending')[];
	/** Technologies the site relies on. */
	technologies: readonly string[];
	/** Test environment: user agents and assistive technologies. */
	environment: readonly string[];
}

export const ACCESSIBILITY_AUDIT: AccessibilityAudit = {
	state: 'partial',
	method: 'automated_internal',
	date: '2026-11-30',
	rate: null,
	tool: 'axe-core 4.13 (règles WCAG 2.1 A et AA), Lighthouse 12 (accessibilité)',
	sample: [
		'/',
		'/t/{territoire}',
		'/t/{territoire}/indicateur',
		'/t/{territoire}/fiche',
		'/t/{territoire}/interventions-ouvertes',
		'/t/{territoire}/demander',
		'/t/{territoire}/temoins',
		'/mentions-legales',
		'/accessibilite',
		'/donnees-personnelles',
		'/plan-du-site',
		'/connexion'
	],
	automatedViolations: 0,
	knownIssues: ['manual_criteria', 'pdf_sheet', 'videos_pending'],
	technologies: ['HTML5', 'CSS', 'SVG', 'WAI-ARIA', 'JavaScript (facultatif : chaque page fonctionne sans)'],
	environment: ['Chromium 156 (Debian 12), Linux, mode sans interface, 390 px et 1 280 px de large', 'axe-core via Playwright']
};
