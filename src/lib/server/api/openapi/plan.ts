/* A part of the OpenAPI document of API v1, assembled by ../openapi.ts. */
import {
	ACTIVITY_TYPES,
	INITIATIVE_ORGANISATION_ROLES,
	INITIATIVE_STATUSES,
	OBJECTIVE_TARGETS,
	ORGANISATION_KINDS,
	STAKEHOLDER_ROLES
} from '../../../domain/reference';
import { notFound, territoryParam } from './common';

export const planSchemas = {
	SheetResponse: {
		type: 'object',
		description:
			'La fiche action du territoire, dans les six rubriques du format des Territoires d’industrie, avec les chiffres du jour (participations aux actions réalisées, pas des personnes distinctes).',
		properties: {
			data: {
				type: 'object',
				required: ['territory', 'title', 'findings', 'achievements', 'obstacles', 'objectives', 'stakeholders', 'indicator', 'contacts'],
				properties: {
					territory: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } },
					title: { type: 'string' },
					summary: { type: ['string', 'null'] },
					quote: { type: ['string', 'null'] },
					copiedFrom: {
						type: ['object', 'null'],
						description: 'Le plan dont celui-ci est parti (« Partir de ce plan »).',
						properties: { slug: { type: 'string' }, name: { type: 'string' } }
					},
					findings: { type: 'array', items: { type: 'string' }, description: 'Constat(s)' },
					achievements: {
						type: 'array',
						description: 'Réalisation(s) : les initiatives, avec leurs chiffres du jour',
						items: {
							type: 'object',
							properties: {
								id: { type: 'integer' },
								slug: { type: 'string' },
								name: { type: 'string' },
								description: { type: 'string' },
								status: { type: 'string', enum: [...INITIATIVE_STATUSES] },
								startsOn: { type: ['string', 'null'], format: 'date' },
								endsOn: { type: ['string', 'null'], format: 'date' },
								lead: { type: 'array', items: { type: 'string' } },
								partners: { type: 'array', items: { type: 'string' } },
								networks: { type: 'array', items: { type: 'string' } },
								activityTypes: { type: 'array', items: { type: 'string', enum: [...ACTIVITY_TYPES] } },
								participations: { type: 'integer', description: 'Participations aux actions réalisées de l’initiative' },
								activities: { type: 'integer', description: 'Actions réalisées de l’initiative' }
							}
						}
					},
					obstacles: { type: 'array', items: { type: 'string' }, description: 'Obstacle(s)' },
					objectives: {
						type: 'array',
						description: 'Objectif(s)',
						items: { type: 'object', properties: { target: { type: 'string', enum: [...OBJECTIVE_TARGETS] }, title: { type: 'string' } } }
					},
					stakeholders: {
						type: 'array',
						description: 'Parties prenantes',
						items: {
							type: 'object',
							properties: { name: { type: 'string' }, roles: { type: 'array', items: { type: 'string', enum: [...STAKEHOLDER_ROLES] } } }
						}
					},
					indicator: {
						type: 'object',
						description: 'Indicateur(s)',
						properties: {
							text: { type: ['string', 'null'] },
							participations: { type: 'integer', description: 'Participations aux actions réalisées, à ce jour' },
							activities: { type: 'integer' },
							asOf: { type: 'string', format: 'date' }
						}
					},
					contacts: {
						type: 'array',
						description: 'Contacts publics : le nom seulement s’il a été saisi, l’adresse seulement si elle a été enregistrée.',
						items: {
							type: 'object',
							properties: {
								name: { type: ['string', 'null'] },
								role: { type: 'string' },
								organisation: { type: ['string', 'null'] },
								email: { type: ['string', 'null'] }
							}
						}
					}
				}
			}
		}
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
					indicator: { type: ['string', 'null'] },
					quote: { type: ['string', 'null'], description: 'Citation de la fiche, telle que le territoire l’a écrite.' },
					findings: { type: 'array', items: { $ref: '#/components/schemas/PlanStatement' }, description: 'Constats, dans l’ordre.' },
					obstacles: { type: 'array', items: { $ref: '#/components/schemas/PlanStatement' }, description: 'Freins, dans l’ordre.' },
					objectives: {
						type: 'array',
						items: {
							type: 'object',
							properties: { position: { type: 'integer' }, target: { type: 'string', enum: [...OBJECTIVE_TARGETS] }, title: { type: 'string' } }
						}
					},
					initiatives: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								id: { type: 'integer' },
								slug: { type: 'string' },
								name: { type: 'string' },
								description: { type: 'string' },
								status: { type: 'string', enum: [...INITIATIVE_STATUSES] },
								startsOn: { type: ['string', 'null'], format: 'date' },
								endsOn: { type: ['string', 'null'], format: 'date' },
								organisations: {
									type: 'array',
									items: {
										type: 'object',
										properties: { id: { type: 'integer' }, name: { type: 'string' }, role: { type: 'string', enum: [...INITIATIVE_ORGANISATION_ROLES] } }
									}
								},
								activityTypes: {
									type: 'array',
									items: { type: 'string', enum: [...ACTIVITY_TYPES] },
									description: 'Types d’action choisis par l’initiative ; liste vide : toute la liste nationale est proposée.'
								}
							}
						}
					},
					stakeholders: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								id: { type: 'integer' },
								name: { type: 'string' },
								kind: { type: 'string', enum: [...ORGANISATION_KINDS] },
								role: { type: 'string', enum: [...STAKEHOLDER_ROLES] }
							}
						}
					},
					contacts: {
						type: 'array',
						description: 'Contacts publics : le nom et l’adresse ne sont donnés qu’avec le consentement enregistré de la personne.',
						items: {
							type: 'object',
							properties: {
								role: { type: 'string' },
								organisation: { type: ['string', 'null'] },
								name: { type: ['string', 'null'] },
								email: { type: ['string', 'null'] }
							}
						}
					},
					epcis: { type: 'array', items: { type: 'object' } }
				}
			}
		}
	},
	PlanStatement: { type: 'object', properties: { position: { type: 'integer' }, body: { type: 'string' } } }
};

export const planPaths = {
	'/territories/{territory}/plan': {
		get: {
			operationId: 'getPlan',
			summary:
				'Plan d’action du territoire : constats, freins, objectifs, initiatives (avec leurs types d’action), parties prenantes, contacts, citation, périmètre',
			parameters: [territoryParam],
			responses: {
				'200': { description: 'Plan', content: { 'application/json': { schema: { $ref: '#/components/schemas/PlanResponse' } } } },
				'404': notFound
			}
		}
	},
	'/territories/{territory}/sheet': {
		get: {
			operationId: 'getSheet',
			summary: 'Fiche action du territoire : constats, réalisations, obstacles, objectifs, parties prenantes, indicateur (chiffres du jour)',
			parameters: [territoryParam],
			responses: {
				'200': { description: 'Fiche action', content: { 'application/json': { schema: { $ref: '#/components/schemas/SheetResponse' } } } },
				'404': notFound
			}
		}
	}
};
