import { AUDIENCE_CODES, LEVELS } from '../../domain/reference';

const figure = {
	type: 'object',
	required: ['key', 'label', 'participations'],
	properties: { key: { type: 'string' }, label: { type: 'string' }, participations: { type: 'integer' }, activities: { type: 'integer' } }
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
	{ name: 'schoolYear', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{4}$', examples: ['2025-2026'] }, description: 'Année scolaire (septembre à août).' },
	{ name: 'fromMonth', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, description: 'Premier mois inclus (AAAA-MM).' },
	{ name: 'toMonth', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, description: 'Dernier mois inclus (AAAA-MM).' }
];
const territoryParam = { name: 'territory', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9-]+$' }, examples: { default: { value: 'flandre-saint-omer' } } };
const notFound = { description: 'Territoire inconnu.' };

/** OpenAPI 3.1 description of API v1; a test checks every documented path answers and every API route is documented. */
export function openApiDocument(origin: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Mixité Industrie — API v1',
			version: '1.0.0',
			description:
				'Plan d’action et indicateur « personnes sensibilisées » des Territoires d’industrie. Les chiffres sont des participations (une personne présente à une action réalisée), pas des personnes distinctes.'
		},
		servers: [{ url: `${origin}/api/v1` }],
		paths: {
			'/territories': {
				get: {
					operationId: 'listTerritories',
					summary: 'Territoires de la plateforme',
					responses: { '200': { description: 'Liste', content: { 'application/json': { schema: { $ref: '#/components/schemas/TerritoryList' } } } } }
				}
			},
			'/territories/{territory}/plan': {
				get: {
					operationId: 'getPlan',
					summary: 'Plan d’action du territoire : objectifs, initiatives, parties prenantes, périmètre',
					parameters: [territoryParam],
					responses: { '200': { description: 'Plan', content: { 'application/json': { schema: { $ref: '#/components/schemas/PlanResponse' } } } }, '404': notFound }
				}
			},
			'/territories/{territory}/indicator': {
				get: {
					operationId: 'getTerritoryIndicator',
					summary: 'Personnes sensibilisées (participations) du territoire, ventilées',
					parameters: [territoryParam, ...periodParams, { name: 'initiativeId', in: 'query', schema: { type: 'integer', minimum: 1 } }],
					responses: {
						'200': { description: 'Indicateur', content: { 'application/json': { schema: { $ref: '#/components/schemas/TerritoryIndicatorResponse' } } } },
						'404': notFound
					}
				}
			},
			'/indicator': {
				get: {
					operationId: 'getNationalIndicator',
					summary: 'Participations de tous les territoires de la plateforme',
					parameters: periodParams,
					responses: { '200': { description: 'Indicateur national', content: { 'application/json': { schema: { $ref: '#/components/schemas/NationalIndicatorResponse' } } } } }
				}
			}
		},
		components: {
			schemas: {
				Figure: figure,
				TerritoryList: {
					type: 'object',
					properties: { data: { type: 'array', items: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' }, demo: { type: 'boolean' } } } } }
				},
				PlanResponse: {
					type: 'object',
					properties: {
						data: {
							type: 'object',
							properties: {
								title: { type: 'string' },
								summary: { type: ['string', 'null'] },
								startsOn: { type: ['string', 'null'], format: 'date' },
								endsOn: { type: ['string', 'null'], format: 'date' },
								objectives: { type: 'array', items: { type: 'object', properties: { position: { type: 'integer' }, target: { type: 'string', enum: ['girls', 'firms', 'prescribers'] }, title: { type: 'string' } } } },
								initiatives: { type: 'array', items: { type: 'object' } },
								stakeholders: { type: 'array', items: { type: 'object' } },
								epcis: { type: 'array', items: { type: 'object' } }
							}
						}
					}
				},
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
								byType: { type: 'array', items: { $ref: '#/components/schemas/Figure' } }
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
			}
		}
	};
}
