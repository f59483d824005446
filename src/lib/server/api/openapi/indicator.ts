/* A part of the OpenAPI document of API v1, assembled by ../openapi.ts. */
import { AUDIENCE_CODES, LEVELS } from '../../../domain/reference';
import { json, notFound, territoryParam } from './common';

const figure = {
	type: 'object',
	required: ['key', 'label', 'participations'],
	properties: {
		key: {
			type: 'string',
			description:
				'Code de la ligne, stable : public (girls), niveau (girls|lycee_pro), type d’action, numéro d’initiative, mois (2025-10-01), code INSEE, SIREN…'
		},
		label: {
			type: 'string',
			description:
				'Libellé en français, celui des pages de l’indicateur : « Filles », « Filles — Lycée professionnel », « oct. 2025 », nom de l’initiative, de la commune ou de l’EPCI.'
		},
		participations: { type: 'integer' },
		activities: { type: 'integer' }
	}
};
const period = {
	type: 'object',
	properties: {
		from: { type: 'string', format: 'date' },
		to: { type: 'string', format: 'date' },
		fromMonth: { type: 'string', format: 'date' },
		toMonth: { type: 'string', format: 'date' }
	}
};
const periodParams = [
	{
		name: 'schoolYear',
		in: 'query',
		schema: { type: 'string', pattern: '^\\d{4}-\\d{4}$', examples: ['2025-2026'] },
		description: 'Année scolaire (septembre à août).'
	},
	{ name: 'fromMonth', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, description: 'Premier mois inclus (AAAA-MM).' },
	{ name: 'toMonth', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, description: 'Dernier mois inclus (AAAA-MM), pas avant fromMonth.' }
];
/** The indicator's query string is read as strictly as the lists': never other figures than those asked. */
const invalidPeriod = (extra: string) => ({
	'422': {
		description: `Paramètre de requête inconnu ou mal formé (année scolaire qui n’est pas de la forme 2025-2026, mois qui n’est pas AAAA-MM, toMonth avant fromMonth, année scolaire et mois ensemble${extra}) : aucun chiffre n’est donné pour une autre période que celle demandée ; un message en français par paramètre sous fields.`,
		content: json('ValidationError')
	}
});
/** The platform's territories, with their key figure. */
export const territorySchemas = {
	Figure: figure,
	TerritoryList: {
		type: 'object',
		properties: {
			data: {
				type: 'array',
				items: {
					type: 'object',
					required: ['slug', 'name', 'demo', 'archived', 'archivedAt', 'participations', 'lastActivityOn'],
					properties: {
						slug: { type: 'string' },
						name: { type: 'string' },
						demo: { type: 'boolean', description: 'Territoire de démonstration (données fictives).' },
						archived: { type: 'boolean', description: 'Territoire archivé : consultable, aucune écriture acceptée (409).' },
						archivedAt: { type: ['string', 'null'], format: 'date-time' },
						participations: {
							type: 'integer',
							minimum: 0,
							description: 'Chiffre clé : participations aux actions réalisées, depuis le début (agrégats de l’indicateur).'
						},
						lastActivityOn: { type: ['string', 'null'], format: 'date', description: 'Date de la dernière action réalisée ; null s’il n’y en a aucune.' }
					}
				}
			}
		}
	}
};

export const indicatorSchemas = {
	TerritoryIndicatorResponse: {
		type: 'object',
		properties: {
			data: {
				type: 'object',
				required: ['participations', 'activities'],
				properties: {
					period,
					participations: { type: 'integer', description: 'Participations aux actions réalisées' },
					activities: { type: 'integer' },
					byAudience: { type: 'array', items: { $ref: '#/components/schemas/Figure' }, description: `Publics : ${AUDIENCE_CODES.join(', ')}` },
					byLevel: { type: 'array', items: { $ref: '#/components/schemas/Figure' }, description: `Niveaux : ${LEVELS.join(', ')}` },
					byInitiative: { type: 'array', items: { $ref: '#/components/schemas/Figure' } },
					byMonth: { type: 'array', items: { $ref: '#/components/schemas/Figure' } },
					bySchoolYear: { type: 'array', items: { $ref: '#/components/schemas/Figure' } },
					byEpci: { type: 'array', items: { $ref: '#/components/schemas/Figure' } },
					byCommune: { type: 'array', items: { $ref: '#/components/schemas/Figure' } },
					byType: { type: 'array', items: { $ref: '#/components/schemas/Figure' } },
					indirectExposure: {
						type: 'object',
						description: 'Exposition indirecte : lectures des portraits vidéo en ligne sur la période, sans cookie ; jamais ajoutée aux participations',
						properties: { plays: { type: 'integer' } }
					}
				}
			}
		}
	},
	NationalIndicatorResponse: {
		type: 'object',
		properties: {
			data: {
				type: 'object',
				properties: {
					period,
					participations: { type: 'integer' },
					activities: { type: 'integer' },
					byAudience: { type: 'array', items: { $ref: '#/components/schemas/Figure' } },
					byTerritory: { type: 'array', items: { $ref: '#/components/schemas/Figure' } }
				}
			}
		}
	}
};

export const territoryListPaths = {
	'/territories': {
		get: {
			operationId: 'listTerritories',
			summary: 'Territoires de la plateforme, avec leur chiffre clé, la date de leur dernière action et leur archivage',
			responses: { '200': { description: 'Liste', content: { 'application/json': { schema: { $ref: '#/components/schemas/TerritoryList' } } } } }
		}
	}
};

export const indicatorPaths = {
	'/territories/{territory}/indicator': {
		get: {
			operationId: 'getTerritoryIndicator',
			summary: 'Personnes sensibilisées (participations) du territoire, ventilées',
			parameters: [
				territoryParam,
				...periodParams,
				{
					name: 'initiativeId',
					in: 'query',
					schema: { type: 'integer', minimum: 1 },
					description: 'Numéro d’une initiative du territoire (champ initiatives du plan).'
				}
			],
			responses: {
				'200': { description: 'Indicateur', content: { 'application/json': { schema: { $ref: '#/components/schemas/TerritoryIndicatorResponse' } } } },
				'404': notFound,
				...invalidPeriod(', initiativeId qui n’est pas une initiative de ce territoire')
			}
		}
	},
	'/indicator': {
		get: {
			operationId: 'getNationalIndicator',
			summary: 'Participations de tous les territoires de la plateforme',
			parameters: periodParams,
			responses: {
				'200': {
					description: 'Indicateur national',
					content: { 'application/json': { schema: { $ref: '#/components/schemas/NationalIndicatorResponse' } } }
				},
				...invalidPeriod(', initiativeId, que l’indicateur national ne connaît pas')
			}
		}
	}
};
