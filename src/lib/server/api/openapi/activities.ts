/* A part of the OpenAPI document of API v1, assembled by ../openapi.ts. */
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, AUDIENCE_CODES, LEVELS, LIMITS } from '../../../domain/reference';
import { apiErrors, bearer, conflict, idempotencyKey, idParam, invalid, invalidQuery, json, replayed, territoryParam, unsupported } from './common';

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

export const activitySchemas = {
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
	}
};

export const activityPaths = {
	'/territories/{territory}/activities': {
		get: {
			operationId: 'listActivities',
			summary: 'Actions des initiatives de l’organisation du jeton, les plus récentes d’abord',
			security: bearer,
			parameters: [territoryParam, ...filterParams],
			responses: {
				'200': { description: 'Une page d’actions', content: json('ActivityList') },
				'401': apiErrors['401'],
				'404': apiErrors['404'],
				...invalidQuery
			}
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
};
