/* A part of the OpenAPI document of API v1, assembled by ../openapi.ts. */
import { AUDIENCE_CODES, LEVELS, LIMITS } from '../../../domain/reference';
import { REQUEST_STATES, REQUESTER_KINDS } from '../../../domain/request-workflow';
import { API_REQUEST_MOVES } from '../../interventions/interventions.schemas';
import { apiErrors, bearer, idempotencyKey, idParam, invalidQuery, json, replayed, territoryParam, unsupported } from './common';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };
const pageMeta = {
	type: 'object',
	required: ['page', 'pages', 'count'],
	properties: { page: { type: 'integer' }, pages: { type: 'integer' }, count: { type: 'integer', description: 'Nombre total, toutes pages confondues' } }
};
const pageParam = { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 }, description: '50 par page' };
const readers =
	'Jeton de coordination : toutes les demandes du territoire ; jeton d’une organisation partenaire : celles de ses initiatives (par le réseau de la demande), en lecture seule.';

const requestFields = {
	id: { type: 'integer' },
	state: { type: 'string', enum: [...REQUEST_STATES] },
	stateChangedAt: { type: 'string', format: 'date-time' },
	requesterKind: { type: 'string', enum: [...REQUESTER_KINDS] },
	organisationName: { type: 'string', description: 'L’établissement ou la structure demandeuse, tel que saisi' },
	kind: {
		type: 'object',
		properties: { code: { type: 'string' }, labelFr: { type: 'string' }, labelEn: { type: 'string' } },
		description: 'Type d’intervention (liste nationale)'
	},
	audience: { type: 'string', enum: AUDIENCE_CODES },
	level: { type: 'string', enum: LEVELS },
	expectedSize: { type: 'integer', description: 'Effectif attendu (un nombre, jamais de noms)' },
	wishedFrom: { type: 'string', format: 'date' },
	wishedTo: { type: 'string', format: 'date' },
	commune: { type: 'object', properties: { code: { type: 'string', description: 'Code INSEE' }, name: { type: 'string' } } },
	network: {
		type: ['object', 'null'],
		description: 'Le réseau choisi à la qualification, et l’initiative sous laquelle l’intervention est comptée',
		properties: { id: { type: 'integer' }, name: { type: 'string' }, initiativeId: { type: ['integer', 'null'] } }
	},
	startsAt: { ...nullableDateTime, description: 'Début de l’intervention (fixé à la qualification)' },
	endsAt: nullableDateTime,
	createdAt: { type: 'string', format: 'date-time' }
};

export const interventionSchemas = {
	RequestSummary: { type: 'object', properties: requestFields },
	RequestList: { type: 'object', properties: { data: { type: 'array', items: ref('RequestSummary') }, meta: pageMeta } },
	Request: {
		type: 'object',
		properties: {
			...requestFields,
			organisationId: { type: ['integer', 'null'], description: 'L’organisation de l’annuaire reconnue (UAI ou nom), sinon null' },
			groups: { type: ['string', 'null'] },
			schoolYear: { type: ['string', 'null'] },
			message: { type: ['string', 'null'] },
			contact: {
				type: 'object',
				description:
					'Le contact de la demande. L’adresse et le téléphone ne sont donnés qu’au jeton de coordination (null pour un partenaire), et sont effacés 12 mois après la fin de la demande.',
				properties: {
					name: { type: 'string' },
					email: { type: ['string', 'null'] },
					phone: { type: ['string', 'null'] },
					erasedAt: nullableDateTime
				}
			},
			location: { type: ['string', 'null'] },
			capacityMin: { type: 'integer', description: 'Intervenantes nécessaires, au moins' },
			capacityMax: { type: 'integer', description: 'Intervenantes, au plus' },
			openToVolunteers: { type: 'boolean', description: 'Ouverte aux volontaires' },
			activityId: { type: ['integer', 'null'], description: 'L’action créée par le premier compte rendu (la comptabilité)' },
			history: {
				type: 'array',
				description: 'Chaque étape de la demande, la plus ancienne d’abord',
				items: {
					type: 'object',
					properties: {
						from: { type: ['string', 'null'], enum: [...REQUEST_STATES, null] },
						to: { type: 'string', enum: [...REQUEST_STATES] },
						by: { type: 'string', enum: ['coordinator', 'requester', 'role_model', 'system'] },
						note: { type: ['string', 'null'] },
						at: { type: 'string', format: 'date-time' }
					}
				}
			},
			speakers: {
				type: 'array',
				description: 'Les intervenantes sollicitées et leur réponse',
				items: {
					type: 'object',
					properties: {
						profileId: { type: 'integer' },
						name: { type: 'string' },
						status: { type: 'string', enum: ['proposed', 'accepted', 'declined', 'waitlisted', 'withdrawn'] },
						answeredAt: nullableDateTime
					}
				}
			},
			report: {
				type: 'object',
				description:
					'Comptes rendus (des effectifs par public et niveau, jamais de noms) : none = aucun, applied = le premier a créé l’action, conflicting = un compte rendu différent attend la coordination (jamais ajouté).',
				properties: {
					status: { type: 'string', enum: ['none', 'applied', 'conflicting'] },
					reports: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								reporterKind: { type: 'string', enum: ['requester', 'role_model', 'coordinator'] },
								counts: { type: 'array', items: ref('AudienceCount') },
								total: { type: 'integer' },
								satisfaction: { type: ['integer', 'null'], minimum: 1, maximum: 5 },
								outcome: { type: 'string', enum: ['applied', 'agreeing', 'conflicting'] },
								at: { type: 'string', format: 'date-time' }
							}
						}
					}
				}
			},
			moves: {
				type: 'array',
				items: { type: 'string', enum: [...API_REQUEST_MOVES] },
				description: 'Les étapes que le jeton peut faire maintenant (jeton de coordination seulement ; vide sinon)'
			}
		}
	},
	RequestResponse: { type: 'object', properties: { data: ref('Request') } },
	RequestMoveInput: {
		type: 'object',
		required: ['move'],
		description:
			'Une étape, comme sur la page de la demande. qualify : networkId, date, startTime, endTime, location, capacityMin, capacityMax, openToVolunteers ; propose : profileIds ; reschedule : date, startTime, endTime, location ; confirm, complete, decline, cancel : note facultative.',
		properties: {
			move: { type: 'string', enum: [...API_REQUEST_MOVES] },
			note: { type: ['string', 'null'], maxLength: LIMITS.notesLength, description: 'Message joint au courriel envoyé' },
			networkId: { type: 'integer', minimum: 1 },
			date: { type: 'string', format: 'date', description: 'Jour de l’intervention (heure de Paris)' },
			startTime: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['09:00'] },
			endTime: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['11:00'] },
			location: { type: 'string', maxLength: 200 },
			capacityMin: { type: 'integer', minimum: 1, maximum: 20 },
			capacityMax: { type: 'integer', minimum: 1, maximum: 20 },
			openToVolunteers: { type: 'boolean' },
			profileIds: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: 50 }
		}
	},
	Intervention: {
		type: 'object',
		properties: {
			id: { type: 'integer', description: 'L’identifiant de la demande' },
			state: { type: 'string', enum: ['confirmed', 'done', 'reported'] },
			kind: requestFields.kind,
			organisationName: { type: 'string' },
			commune: requestFields.commune,
			location: { type: ['string', 'null'] },
			startsAt: { type: 'string', format: 'date-time' },
			endsAt: nullableDateTime,
			audience: requestFields.audience,
			level: requestFields.level,
			expectedSize: { type: 'integer' },
			network: requestFields.network,
			capacityMin: { type: 'integer' },
			capacityMax: { type: 'integer' },
			placesTaken: { type: 'integer', description: 'Intervenantes qui ont accepté' },
			placesLeft: { type: 'integer', description: 'Places encore libres (capacité maximale moins places prises)' },
			openToVolunteers: { type: 'boolean' }
		}
	},
	InterventionList: {
		type: 'object',
		properties: {
			data: { type: 'array', items: ref('Intervention') },
			meta: { ...pageMeta, properties: { ...pageMeta.properties, from: { type: 'string', format: 'date', description: 'Premier jour retenu' } } }
		}
	}
};

const dateParams = (what: string) => [
	{ name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: `${what} ce jour ou après` },
	{ name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: `${what} ce jour ou avant` }
];
const readErrors = { '401': apiErrors['401'], '404': apiErrors['404'] };
const moveErrors = {
	...apiErrors,
	'404': {
		description: 'Territoire inconnu, jeton d’un autre territoire, demande introuvable, ou jeton qui ne gère pas les demandes (partenaire, lecture seule).',
		content: json('Error')
	},
	'409': {
		description:
			'Étape impossible dans l’état actuel de la demande (error = intervention_request.move_not_allowed), requête en cours avec la même Idempotency-Key, ou territoire archivé : rien n’est changé.',
		content: json('Error')
	},
	...unsupported,
	'422': {
		description:
			'Étape inconnue ou champs invalides (un message en français par champ), ou Idempotency-Key déjà utilisée pour une autre requête : rien n’est changé.',
		content: json('ValidationError')
	}
};

export const interventionPaths = {
	'/territories/{territory}/requests': {
		get: {
			operationId: 'listRequests',
			summary: 'Demandes d’intervention que le jeton peut lire, les plus récentes d’abord',
			description: readers,
			security: bearer,
			parameters: [
				territoryParam,
				{ name: 'state', in: 'query', schema: { type: 'string', enum: [...REQUEST_STATES] } },
				{ name: 'kind', in: 'query', schema: { type: 'string' }, description: 'Code du type d’intervention' },
				...dateParams('Intervention (ou, avant qualification, période souhaitée) se terminant'),
				pageParam
			],
			responses: { '200': { description: 'Une page de demandes', content: json('RequestList') }, ...readErrors, ...invalidQuery }
		}
	},
	'/territories/{territory}/requests/{id}': {
		get: {
			operationId: 'getRequest',
			summary: 'Une demande, avec son historique, ses intervenantes et leurs réponses, et ses comptes rendus',
			description: readers,
			security: bearer,
			parameters: [territoryParam, idParam],
			responses: { '200': { description: 'Demande', content: json('RequestResponse') }, ...readErrors }
		}
	},
	'/territories/{territory}/requests/{id}/moves': {
		post: {
			operationId: 'moveRequest',
			summary: 'Faire avancer une demande (qualifier, proposer, confirmer, reporter, décliner, annuler…), comme sur sa page',
			description:
				'Jeton de coordination qui n’est pas en lecture seule. L’étape écrit la transition, l’événement d’audit et les courriels, comme sur la page de la demande.',
			security: bearer,
			parameters: [territoryParam, idParam, idempotencyKey],
			requestBody: { required: true, content: json('RequestMoveInput') },
			responses: {
				'200': {
					description: 'La demande après l’étape (ou réponse rejouée pour la même Idempotency-Key)',
					headers: replayed,
					content: json('RequestResponse')
				},
				...moveErrors
			}
		}
	},
	'/territories/{territory}/interventions': {
		get: {
			operationId: 'listInterventions',
			summary: 'Interventions datées (confirmées, réalisées, avec compte rendu), à venir par défaut, avec les places prises et la capacité',
			description: readers,
			security: bearer,
			parameters: [territoryParam, ...dateParams('Intervention'), { name: 'networkId', in: 'query', schema: { type: 'integer', minimum: 1 } }, pageParam],
			responses: {
				'200': { description: 'Une page d’interventions, la plus proche d’abord', content: json('InterventionList') },
				...readErrors,
				...invalidQuery
			}
		}
	}
};
