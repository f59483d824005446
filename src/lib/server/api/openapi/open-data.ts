/* A part of the OpenAPI document of API v1, assembled by ../openapi.ts. */
import { AUDIENCE_CODES } from '../../../domain/reference';
import { OPEN_DATA_LICENCE } from '../../../domain/open-data';
import { notFound, territoryParam } from './common';

const withheld =
	'null quand le chiffre est caché par le secret statistique (1 à 4 personnes, ou caché avec un tel chiffre pour qu’il ne puisse pas être recalculé) ; le zéro est publié.';
const cell = {
	participations: { type: ['integer', 'null'], minimum: 0, description: `Participations aux actions réalisées ; ${withheld}` },
	suppressed: { type: 'boolean', description: 'true quand le chiffre est caché (secret statistique).' }
};
const audience = { type: ['string', 'null'], enum: [...AUDIENCE_CODES, null], description: 'Public ; null = tous les publics (total).' };
const schoolYear = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{4}$', description: 'Année scolaire (septembre à août) ; null = toutes (total).' };

export const openDataSchemas = {
	OpenDataResponse: {
		type: 'object',
		required: ['data'],
		properties: {
			data: {
				type: 'object',
				required: [
					'territory',
					'licence',
					'measure',
					'threshold',
					'lastUpdate',
					'bySchoolYearAndAudience',
					'byInitiativeAndAudience',
					'byCommuneAndSchoolYear'
				],
				properties: {
					territory: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } },
					licence: {
						type: 'object',
						properties: { name: { const: OPEN_DATA_LICENCE.name }, url: { const: OPEN_DATA_LICENCE.url } }
					},
					measure: {
						const: 'participations',
						description: 'Une personne présente à une action réalisée compte une fois par action (pas des personnes distinctes).'
					},
					threshold: { type: 'integer', description: 'Seuil du secret statistique : un chiffre inférieur (et non nul) est caché.' },
					lastUpdate: {
						type: ['string', 'null'],
						format: 'date-time',
						description: 'Dernière action enregistrée, modifiée ou annulée ; null s’il n’y en a aucune.'
					},
					schoolYears: { type: 'array', items: { type: 'string' } },
					audiences: { type: 'array', items: { type: 'string', enum: AUDIENCE_CODES } },
					bySchoolYearAndAudience: {
						type: 'array',
						description: 'Participations par année scolaire et par public, avec les totaux de lignes et de colonnes.',
						items: { type: 'object', required: ['schoolYear', 'audience', 'participations', 'suppressed'], properties: { schoolYear, audience, ...cell } }
					},
					byInitiativeAndAudience: {
						type: 'array',
						description: 'Participations par initiative du plan et par public, avec les totaux.',
						items: {
							type: 'object',
							required: ['initiative', 'audience', 'participations', 'suppressed'],
							properties: { initiative: { type: ['string', 'null'], description: 'Nom de l’initiative ; null = toutes.' }, audience, ...cell }
						}
					},
					byCommuneAndSchoolYear: {
						type: 'array',
						description: 'Participations par commune où une action a eu lieu, sous-total par EPCI, total du territoire ; par année scolaire et au total.',
						items: {
							type: 'object',
							required: ['level', 'epciSiren', 'epci', 'communeCode', 'commune', 'schoolYear', 'participations', 'suppressed'],
							properties: {
								level: { type: 'string', enum: ['commune', 'epci', 'territory'] },
								epciSiren: { type: ['string', 'null'] },
								epci: { type: ['string', 'null'] },
								communeCode: { type: ['string', 'null'], description: 'Code Insee de la commune.' },
								commune: { type: ['string', 'null'] },
								schoolYear,
								...cell
							}
						}
					}
				}
			}
		}
	}
};

const fileDescription =
	'Même jeu de données, en format long (une ligne par chiffre, colonne tableau), écrit en français ; un chiffre caché est une case vide avec « s » dans la colonne secret_statistique. Produit à chaque demande.';

/** The downloads are pages of the site, not of /api/v1: their `servers` say so. */
export const openDataPaths = (origin: string) => ({
	'/territories/{territory}/open-data': {
		get: {
			operationId: 'getTerritoryOpenData',
			summary: `Données ouvertes du territoire : chiffres agrégés seulement, secret statistique appliqué (${OPEN_DATA_LICENCE.name})`,
			parameters: [territoryParam],
			responses: {
				'200': { description: 'Jeu de données', content: { 'application/json': { schema: { $ref: '#/components/schemas/OpenDataResponse' } } } },
				'404': notFound
			}
		}
	},
	'/t/{territory}/donnees-ouvertes/donnees.csv': {
		servers: [{ url: origin }],
		get: {
			operationId: 'downloadTerritoryOpenDataCsv',
			summary: 'Données ouvertes en CSV (UTF-8 avec BOM, séparateur point-virgule)',
			description: fileDescription,
			parameters: [territoryParam],
			responses: { '200': { description: 'Fichier CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, '404': notFound }
		}
	},
	'/t/{territory}/donnees-ouvertes/donnees.xlsx': {
		servers: [{ url: origin }],
		get: {
			operationId: 'downloadTerritoryOpenDataXlsx',
			summary: 'Données ouvertes en XLSX (un onglet par tableau, licence et règle en tête)',
			description: fileDescription,
			parameters: [territoryParam],
			responses: {
				'200': {
					description: 'Classeur XLSX',
					content: {
						'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
							schema: { type: 'string', contentMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }
						}
					}
				},
				'404': notFound
			}
		}
	}
});
