import {
	ACTIVITY_STATUSES,
	ACTIVITY_TYPES,
	AUDIENCE_CODES,
	INITIATIVE_ORGANISATION_ROLES,
	INITIATIVE_STATUSES,
	LEVELS,
	LIMITS,
	OBJECTIVE_TARGETS,
	ORGANISATION_KINDS,
	ORGANISATION_STATUSES,
	STAKEHOLDER_ROLES
} from '../../domain/reference';

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
	{
		name: 'schoolYear',
		in: 'query',
		schema: { type: 'string', pattern: '^\\d{4}-\\d{4}$', examples: ['2025-2026'] },
		description: 'Année scolaire (septembre à août).'
	},
	{ name: 'fromMonth', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, description: 'Premier mois inclus (AAAA-MM).' },
	{ name: 'toMonth', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, description: 'Dernier mois inclus (AAAA-MM).' }
];
const territoryParam = {
	name: 'territory',
	in: 'path',
	required: true,
	schema: { type: 'string', pattern: '^[a-z0-9-]+$' },
	examples: { default: { value: 'flandre-saint-omer' } }
};
const notFound = { description: 'Territoire inconnu.' };

const bearer = [{ bearerAuth: [] }];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const apiErrors = {
	'400': { description: 'Corps de requête absent ou qui n’est pas un objet JSON, ou Idempotency-Key mal formée.', content: json('Error') },
	'401': {
		description: 'Jeton absent, invalide ou révoqué.',
		headers: { 'WWW-Authenticate': { schema: { type: 'string', examples: ['Bearer realm="mixite"'] } } },
		content: json('Error')
	},
	'404': { description: 'Territoire inconnu, jeton d’un autre territoire, ou action introuvable pour l’organisation du jeton.', content: json('Error') }
};
const unsupported = { '415': { description: 'Corps envoyé sans l’en-tête Content-Type: application/json.', content: json('Error') } };
const idempotencyKey = {
	name: 'Idempotency-Key',
	in: 'header',
	required: false,
	schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
	description:
		'Clé choisie par le client (un UUID v4 par exemple) pour réessayer sans risque une requête dont la réponse s’est perdue : pendant 24 heures, la même clé avec la même requête renvoie la première réponse (en-tête Idempotent-Replayed: true) sans rien enregistrer de plus ; la même clé avec une autre requête donne 422 ; pendant qu’une requête avec cette clé est en cours, 409. Seules les réponses 2xx sont mémorisées. Les clés sont propres à chaque jeton.'
};
const replayed = {
	'Idempotent-Replayed': {
		description: 'true quand la réponse est celle, mémorisée, d’une requête précédente avec la même Idempotency-Key.',
		schema: { type: 'string', enum: ['true'] }
	}
};
const invalid = {
	'422': {
		description: 'Champs invalides ; un message en français par champ (un entier doit être un nombre JSON, aucun texte ne peut contenir le caractère NUL).',
		content: json('ValidationError')
	}
};
const conflict = {
	'409': {
		description:
			'L’action a changé depuis la version envoyée : la version enregistrée est renvoyée (Conflict). Ou le territoire est archivé : aucune écriture n’est acceptée (Error, error = territories.archived).',
		content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Conflict' }, { $ref: '#/components/schemas/Error' }] } } }
	}
};
const filterParams = [
	{ name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
	{ name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
	{ name: 'initiativeId', in: 'query', schema: { type: 'integer', minimum: 1 } },
	{ name: 'type', in: 'query', schema: { type: 'string', enum: ACTIVITY_TYPES } },
	{ name: 'status', in: 'query', schema: { type: 'string', enum: ACTIVITY_STATUSES } },
	{ name: 'communeCode', in: 'query', schema: { type: 'string' }, description: 'Code INSEE' },
	{ name: 'epci', in: 'query', schema: { type: 'string', pattern: '^\\d{9}$' }, description: 'SIREN de l’intercommunalité' },
	{ name: 'audience', in: 'query', schema: { type: 'string', enum: AUDIENCE_CODES } },
	{ name: 'level', in: 'query', schema: { type: 'string', enum: LEVELS } },
	{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 }, description: '50 actions par page' }
];
const audienceCell = {
	type: 'object',
	required: ['audience', 'level', 'count'],
	properties: {
		audience: { type: 'string', enum: AUDIENCE_CODES },
		level: { type: 'string', enum: LEVELS },
		count: { type: 'integer', minimum: 0, maximum: LIMITS.perCell }
	}
};
const activityFields = {
	initiativeId: { type: 'integer', description: 'Une initiative que l’organisation du jeton pilote ou à laquelle elle participe.' },
	type: { type: 'string', enum: ACTIVITY_TYPES },
	title: { type: 'string', maxLength: LIMITS.titleLength },
	date: { type: 'string', format: 'date' },
	communeCode: { type: 'string', description: 'Code INSEE d’une commune du territoire' },
	hostOrganisationId: { type: ['integer', 'null'] },
	notes: { type: ['string', 'null'], maxLength: LIMITS.notesLength },
	audiences: { type: 'array', items: { $ref: '#/components/schemas/AudienceCount' } }
};
const activityInput = {
	type: 'object',
	required: ['initiativeId', 'type', 'title', 'date', 'communeCode', 'status'],
	properties: { ...activityFields, status: { type: 'string', enum: ['planned', 'done'] } }
};

/** Component schemas: the document's, and the contract readJsonObject() checks JSON types against (api-http.ts). */
export const API_SCHEMAS = {
	Error: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' } } },
	ValidationError: {
		type: 'object',
		required: ['error', 'fields'],
		properties: {
			error: { const: 'validation.failed' },
			message: { type: 'string' },
			fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Champ → message en français' }
		}
	},
	Conflict: {
		type: 'object',
		properties: { error: { const: 'activities.conflict' }, message: { type: 'string' }, current: { $ref: '#/components/schemas/Activity' } }
	},
	AudienceCount: audienceCell,
	ActivityInput: activityInput,
	ActivityUpdate: {
		...activityInput,
		required: [...activityInput.required, 'version'],
		properties: { ...activityInput.properties, version: { type: 'integer', minimum: 1, description: 'La version lue : une version dépassée donne 409.' } }
	},
	ActivityCancel: {
		type: 'object',
		required: ['reason', 'version'],
		properties: { reason: { type: 'string', maxLength: LIMITS.notesLength }, version: { type: 'integer', minimum: 1 } }
	},
	Activity: {
		type: 'object',
		properties: {
			id: { type: 'integer' },
			...activityFields,
			status: { type: 'string', enum: ACTIVITY_STATUSES },
			cancelReason: { type: ['string', 'null'] },
			version: { type: 'integer' }
		}
	},
	ActivityResponse: { type: 'object', properties: { data: { $ref: '#/components/schemas/Activity' } } },
	ActivityList: {
		type: 'object',
		properties: {
			data: {
				type: 'array',
				items: {
					type: 'object',
					properties: {
						id: { type: 'integer' },
						initiativeId: { type: 'integer' },
						type: { type: 'string' },
						title: { type: 'string' },
						date: { type: 'string', format: 'date' },
						communeCode: { type: 'string' },
						hostOrganisationId: { type: ['integer', 'null'] },
						status: { type: 'string', enum: ACTIVITY_STATUSES },
						participations: { type: 'integer' }
					}
				}
			},
			meta: {
				type: 'object',
				properties: { page: { type: 'integer' }, pages: { type: 'integer' }, count: { type: 'integer' }, participations: { type: 'integer' } }
			}
		}
	},
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
	},
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
	PlanStatement: { type: 'object', properties: { position: { type: 'integer' }, body: { type: 'string' } } },
	Organisation: {
		type: 'object',
		required: ['id', 'name', 'kind'],
		properties: {
			id: { type: 'integer' },
			name: { type: 'string' },
			kind: { type: 'string', enum: [...ORGANISATION_KINDS] },
			siren: { type: ['string', 'null'], pattern: '^\\d{9}$' },
			siret: { type: ['string', 'null'], pattern: '^\\d{14}$' },
			uai: { type: ['string', 'null'], pattern: '^\\d{7}[A-Z]$' },
			communeCode: { type: ['string', 'null'] },
			website: { type: ['string', 'null'], format: 'uri' },
			parentId: { type: ['integer', 'null'] },
			description: { type: ['string', 'null'] },
			status: { type: 'string', enum: [...ORGANISATION_STATUSES], description: 'Statut actuel (fiche seule).' }
		}
	},
	OrganisationList: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Organisation' } } } },
	OrganisationResponse: { type: 'object', properties: { data: { $ref: '#/components/schemas/Organisation' } } },
	ActivityTypeList: {
		type: 'object',
		properties: {
			data: {
				type: 'array',
				items: {
					type: 'object',
					properties: {
						code: { type: 'string' },
						label: { type: 'string' },
						position: { type: 'integer' },
						retired: { type: 'boolean', description: 'Retiré : plus proposé pour les nouvelles actions, gardé par celles qui l’ont.' }
					}
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
};
export type ApiSchemaName = keyof typeof API_SCHEMAS;

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
					summary: 'Territoires de la plateforme, avec leur chiffre clé, la date de leur dernière action et leur archivage',
					responses: { '200': { description: 'Liste', content: { 'application/json': { schema: { $ref: '#/components/schemas/TerritoryList' } } } } }
				}
			},
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
			},
			'/activity-types': {
				get: {
					operationId: 'listActivityTypes',
					summary: 'Liste nationale des types d’action, dans l’ordre des formulaires',
					responses: { '200': { description: 'Liste', content: json('ActivityTypeList') } }
				}
			},
			'/territories/{territory}/organisations': {
				get: {
					operationId: 'listOrganisations',
					summary: 'Organisations du territoire que le jeton peut lire (la sienne)',
					security: bearer,
					parameters: [territoryParam],
					responses: { '200': { description: 'Liste', content: json('OrganisationList') }, '401': apiErrors['401'], '404': apiErrors['404'] }
				}
			},
			'/territories/{territory}/organisations/{id}': {
				get: {
					operationId: 'getOrganisation',
					summary: 'Une organisation, avec son statut actuel',
					security: bearer,
					parameters: [territoryParam, idParam],
					responses: { '200': { description: 'Organisation', content: json('OrganisationResponse') }, '401': apiErrors['401'], '404': apiErrors['404'] }
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
					responses: {
						'200': {
							description: 'Indicateur national',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/NationalIndicatorResponse' } } }
						}
					}
				}
			},
			'/territories/{territory}/activities': {
				get: {
					operationId: 'listActivities',
					summary: 'Actions des initiatives de l’organisation du jeton, les plus récentes d’abord',
					security: bearer,
					parameters: [territoryParam, ...filterParams],
					responses: { '200': { description: 'Une page d’actions', content: json('ActivityList') }, '401': apiErrors['401'], '404': apiErrors['404'] }
				},
				post: {
					operationId: 'createActivity',
					summary: 'Enregistrer une action',
					security: bearer,
					parameters: [territoryParam, idempotencyKey],
					requestBody: { required: true, content: json('ActivityInput') },
					responses: {
						'201': {
							description: 'Action créée (ou réponse rejouée pour une Idempotency-Key déjà utilisée avec la même requête)',
							headers: replayed,
							content: json('ActivityResponse')
						},
						...apiErrors,
						'409': {
							description:
								'Une requête avec la même Idempotency-Key est en cours, ou le territoire est archivé : aucune écriture n’est acceptée (error = territories.archived).',
							headers: { 'Retry-After': { schema: { type: 'integer' } } },
							content: json('Error')
						},
						...unsupported,
						'422': {
							description: 'Champs invalides (un message en français par champ), ou Idempotency-Key déjà utilisée pour une autre requête.',
							content: json('ValidationError')
						}
					}
				}
			},
			'/territories/{territory}/activities/{id}': {
				get: {
					operationId: 'getActivity',
					summary: 'Une action, avec ses participations par public et niveau',
					security: bearer,
					parameters: [territoryParam, idParam],
					responses: { '200': { description: 'Action', content: json('ActivityResponse') }, '401': apiErrors['401'], '404': apiErrors['404'] }
				},
				put: {
					operationId: 'updateActivity',
					summary: 'Remplacer une action (avec la version lue)',
					security: bearer,
					parameters: [territoryParam, idParam],
					requestBody: { required: true, content: json('ActivityUpdate') },
					responses: { '200': { description: 'Action modifiée', content: json('ActivityResponse') }, ...apiErrors, ...conflict, ...unsupported, ...invalid }
				},
				delete: {
					operationId: 'cancelActivity',
					summary: 'Annuler une action : elle reste tracée mais ne compte plus',
					security: bearer,
					parameters: [territoryParam, idParam],
					requestBody: { required: true, content: json('ActivityCancel') },
					responses: { '200': { description: 'Action annulée', content: json('ActivityResponse') }, ...apiErrors, ...conflict, ...unsupported, ...invalid }
				}
			}
		},
		components: {
			securitySchemes: {
				bearerAuth: {
					type: 'http',
					scheme: 'bearer',
					description:
						'Jeton d’API « mxi_… » créé par l’organisation dans Mixité Industrie (page Jetons d’API). Il agit pour une organisation, dans un territoire, sur les initiatives qu’elle pilote ou auxquelles elle participe.'
				}
			},
			schemas: API_SCHEMAS
		}
	};
}
