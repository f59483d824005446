import { can, type Principal } from '../accounts/permissions';

/**
 * Who may download a territory's yearly report: those holding `report.read` — the coordination,
 * the funders and platform administrators. Partners do not: the report lists every agreement and
 * every initiative's figures, while a partner reads only her own organisation's (agreements.policy.ts).
 */
export function mayReadReport(principal: Principal | null, territoryId: number): boolean {
	return can(principal, 'report.read', territoryId);
}
