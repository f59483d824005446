import type { Locale } from '../../i18n';
import { AUDIENCE_CODES, schoolYearMonths, schoolYearRange } from '../../domain/reference';
import { listAgreements } from '../agreements/agreements.usecases';
import type { Db } from '../db/client';
import { territoryIndicator, type Figure } from '../indicator/indicator.usecases';
import { mentoringListPage } from '../mentoring/mentoring.usecases';
import { getPlanOverview } from '../plan/plan.usecases';
import { ValidationError } from '../shared/errors';
import { todayInParis } from '../shared/paris-time';
import type { Actor, TerritoryScope } from '../shared/scope';
import { targetsPage } from '../targets/targets.usecases';
import { findTerritoryById, findTerritoryBySlug } from '../territories/territories.repository';
import { ReportNotFoundError } from './report.errors';
import { mayReadReport } from './report.policy';
import { previousSchoolYear, readReportYear } from './report.schemas';

/*
 * The yearly report (bilan) of one school year: every figure comes from the existing use cases
 * (the indicator's aggregates, the targets against the indicator, the plan, the agreements, the
 * mentoring cohorts), each read with the territory's scope; nothing is recounted here.
 */

/** The audiences counted as girls and women in the key figure "share of girls and women". */
const GIRLS_AND_WOMEN = ['girls', 'women'];

export interface YearlyReport {
	territory: { slug: string; name: string };
	schoolYear: string;
	previousSchoolYear: string;
	period: { from: string; to: string };
	generatedOn: string;
	participations: number;
	activities: number;
	/** Participations of girls and women (a share of `participations`). */
	girlsAndWomen: number;
	/** Mentees paired this school year (distinct people, one per pair); null without mentoring. */
	mentees: number | null;
	/** The twelve months (YYYY-MM-01), September first: this year's and the previous year's participations. */
	byMonth: { month: string; current: number; previous: number }[];
	byAudience: Figure[];
	/** The audiences with participations this year, in the catalogue's order (the table's columns). */
	audiences: string[];
	initiatives: { id: number; name: string; participations: number; activities: number; byAudience: Record<string, number> }[];
	targets: { initiative: string | null; audience: string | null; target: number; actual: number; share: number }[];
	milestones: { title: string; initiative: string | null; dueOn: string; status: string; progress: number }[];
	partners: { initiative: string; lead: string[]; partners: string[]; networks: string[] }[];
	stakeholders: { name: string; roles: string[] }[];
	agreements: { title: string; parties: string[]; startsOn: string | null; endsOn: string | null; status: string }[];
}

const overlaps = (from: string | null, to: string | null, period: { from: string; to: string }) =>
	(from ?? '') <= period.to && (to ?? '9999-12-31') >= period.from;

/** Gathers one school year's figures for the report; the actor must hold `report.read` (else the same 404 as an unknown territory). */
export async function yearlyReport(db: Db, scope: TerritoryScope, actor: Actor, schoolYear: string, options: { today?: string } = {}): Promise<YearlyReport> {
	if (!mayReadReport(actor.principal, scope.territoryId)) throw new ReportNotFoundError();
	const today = options.today ?? todayInParis();
	const read = readReportYear(schoolYear, today);
	if (!read.ok) throw new ValidationError(read.errors);
	const territory = await findTerritoryById(db, scope.territoryId);
	if (!territory) throw new ReportNotFoundError();
	const period = schoolYearRange(schoolYear)!;
	const previous = previousSchoolYear(schoolYear);
	const [indicator, before, plan, targets, agreements, mentoring] = await Promise.all([
		territoryIndicator(db, scope, { schoolYear }),
		territoryIndicator(db, scope, { schoolYear: previous }),
		getPlanOverview(db, scope),
		targetsPage(db, scope, actor, { today }),
		listAgreements(db, scope, actor.principal, { today }),
		mentoringListPage(db, scope, actor)
	]);
	const perInitiative = await Promise.all(plan.initiatives.map((i) => territoryIndicator(db, scope, { schoolYear, initiativeId: i.id })));
	const month = (figures: Figure[], m: string) => figures.find((f) => f.key === m)?.participations ?? 0;
	const previousMonths = schoolYearMonths(previous);
	const initiativeName = new Map(plan.initiatives.map((i) => [i.id, i.name]));
	const stakeholders = new Map<number, { name: string; roles: string[] }>();
	for (const s of plan.stakeholders) {
		const entry = stakeholders.get(s.organisationId) ?? { name: s.name, roles: [] };
		entry.roles.push(s.role);
		stakeholders.set(s.organisationId, entry);
	}
	const yearTargets = targets.years.find((y) => y.schoolYear === schoolYear)?.lines ?? [];
	const menteeYear = mentoring.years.find((y) => y.schoolYear === schoolYear);
	return {
		territory: { slug: territory.slug, name: territory.name },
		schoolYear,
		previousSchoolYear: previous,
		period,
		generatedOn: today,
		participations: indicator.participations,
		activities: indicator.activities,
		girlsAndWomen: indicator.byAudience.filter((a) => GIRLS_AND_WOMEN.includes(a.key)).reduce((sum, a) => sum + a.participations, 0),
		mentees: menteeYear ? menteeYear.totals.pairsFormed : null,
		byMonth: schoolYearMonths(schoolYear).map((m, i) => ({
			month: m,
			current: month(indicator.byMonth, m),
			previous: month(before.byMonth, previousMonths[i]!)
		})),
		byAudience: indicator.byAudience,
		audiences: AUDIENCE_CODES.filter((code) => indicator.byAudience.some((a) => a.key === code)),
		initiatives: plan.initiatives.map((i, n) => {
			const figures = perInitiative[n]!;
			return {
				id: i.id,
				name: i.name,
				participations: figures.participations,
				activities: figures.activities,
				byAudience: Object.fromEntries(figures.byAudience.map((a) => [a.key, a.participations]))
			};
		}),
		targets: yearTargets.map((l) => ({ initiative: l.initiative?.name ?? null, audience: l.audience, target: l.target, actual: l.actual, share: l.share })),
		milestones: targets.milestones
			.filter((m) => m.dueOn >= period.from && m.dueOn <= period.to)
			.sort((a, b) => a.dueOn.localeCompare(b.dueOn))
			.map((m) => ({
				title: m.title,
				initiative: m.initiative ? (initiativeName.get(m.initiative.id) ?? m.initiative.name) : null,
				dueOn: m.dueOn,
				status: m.status,
				progress: m.progress
			})),
		partners: plan.initiatives.map((i) => ({
			initiative: i.name,
			lead: i.organisations.filter((o) => o.role === 'lead').map((o) => o.name),
			partners: i.organisations.filter((o) => o.role === 'partner').map((o) => o.name),
			networks: i.organisations.filter((o) => o.role === 'network').map((o) => o.name)
		})),
		stakeholders: [...stakeholders.values()],
		agreements: agreements
			.filter((a) => overlaps(a.startsOn ?? a.signedOn, a.endsOn, period))
			.map((a) => ({ title: a.title, parties: a.parties, startsOn: a.startsOn, endsOn: a.endsOn, status: a.status }))
	};
}

/** The report as a PDF, in the reader's language (pdfkit is loaded with the first report). */
export async function getReportPdf(db: Db, scope: TerritoryScope, actor: Actor, schoolYear: string, locale: Locale, options: { today?: string } = {}) {
	const report = await yearlyReport(db, scope, actor, schoolYear, options);
	const { renderReportPdf } = await import('./report.pdf');
	return { bytes: await renderReportPdf(report, locale), slug: report.territory.slug };
}

/** The command line's entry point: the territory by its slug; unknown → ReportNotFoundError. */
export async function getReportPdfBySlug(db: Db, actor: Actor, slug: string, schoolYear: string, locale: Locale = 'fr', options: { today?: string } = {}) {
	const territory = await findTerritoryBySlug(db, slug);
	if (!territory) throw new ReportNotFoundError();
	return getReportPdf(db, { territoryId: territory.id }, actor, schoolYear, locale, options);
}
