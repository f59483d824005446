/**
 * The demo's fictional role models: without them the demo territory's « Elles témoignent » page
 * is empty and a role model's public page cannot be tried (nor measured by the benchmarks). Three
 * invented women, in the invented firms of the demo's portraits, one per network of the plan,
 * each with her public consent given today. Their names say they are fictional; their addresses
 * are in `.invalid` (RFC 2606): nothing can ever be sent to them. The rows are written by the
 * platform itself (no audit entry, as the demo's activities); they go with the demo territory.
 */
import type { Db } from '../db/client';
import { insertProfile, listNetworks, replaceMemberships } from '../role-models/role-models.repository';
import type { TerritoryScope } from '../shared/scope';
import { ensureDemoFirms } from './demo-portraits';

export const DEMO_ROLE_MODELS = [
	{
		firstName: 'Léa',
		lastName: 'Exemple (témoin fictive)',
		job: 'Ingénieure procédés verriers',
		firm: 'glass',
		sector: 'Verre',
		trainingPath: 'Bac STI2D, puis école d’ingénieurs en apprentissage (parcours fictif)',
		network: 'Verr’Elles'
	},
	{
		firstName: 'Inès',
		lastName: 'Modèle (témoin fictive)',
		job: 'Automaticienne',
		firm: 'maintenance',
		sector: 'Maintenance industrielle',
		trainingPath: 'BTS Conception et réalisation de systèmes automatiques (parcours fictif)',
		network: 'Elles Bougent'
	},
	{
		firstName: 'Sarah',
		lastName: 'Démo (témoin fictive)',
		job: 'Responsable d’atelier',
		firm: 'metal',
		sector: 'Métallurgie',
		trainingPath: 'Bac pro Technicien en chaudronnerie industrielle, puis licence professionnelle (parcours fictif)',
		network: 'Capital Filles'
	}
] as const;

/** Adds the fictional role models, public today. Only ever called on the demo territory. */
export async function addDemoRoleModels(db: Db, scope: TerritoryScope, now: Date): Promise<number> {
	const firms = await ensureDemoFirms(db, scope);
	const networks = await listNetworks(db, scope);
	for (const [index, r] of DEMO_ROLE_MODELS.entries()) {
		const profile = await insertProfile(db, scope, {
			firstName: r.firstName,
			lastName: r.lastName,
			email: `temoin-${index + 1}@demo.invalid`,
			job: r.job,
			organisationId: firms[r.firm],
			sector: r.sector,
			trainingPath: r.trainingPath,
			publicConsentAt: now
		});
		const network = networks.find((n) => n.name === r.network);
		if (network) await replaceMemberships(db, scope, profile.id, [network.id]);
	}
	return DEMO_ROLE_MODELS.length;
}
