/* A part of the OpenAPI document of API v1, assembled by ../openapi.ts. */

export const territoryParam = {
	name: 'territory',
	in: 'path',
	required: true,
	schema: { type: 'string', pattern: '^[a-z0-9-]+$' },
	examples: { default: { value: 'flandre-saint-omer' } }
};
export const notFound = { description: 'Territoire inconnu.' };

export const bearer = [{ bearerAuth: [] }];
export const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
export const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
export const apiErrors = {
	'400': { description: 'Corps de requête absent ou qui n’est pas un objet JSON, ou Idempotency-Key mal formée.', content: json('Error') },
	'401': {
		description: 'Jeton absent, invalide ou révoqué.',
		headers: { 'WWW-Authenticate': { schema: { type: 'string', examples: ['Bearer realm="mixite"'] } } },
		content: json('Error')
	},
	'404': { description: 'Territoire inconnu, jeton d’un autre territoire, ou action introuvable pour l’organisation du jeton.', content: json('Error') }
};
export const unsupported = { '415': { description: 'Corps envoyé sans l’en-tête Content-Type: application/json.', content: json('Error') } };
export const idempotencyKey = {
	name: 'Idempotency-Key',
	in: 'header',
	required: false,
	schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
	description:
		'Clé choisie par le client (un UUID v4 par exemple) pour réessayer sans risque une requête dont la réponse s’est perdue : pendant 24 heures, la même clé avec la même requête renvoie la première réponse (en-tête Idempotent-Replayed: true) sans rien enregistrer de plus ; la même clé avec une autre requête donne 422 ; pendant qu’une requête avec cette clé est en cours, 409. Seules les réponses 2xx sont mémorisées. Les clés sont propres à chaque jeton.'
};
export const replayed = {
	'Idempotent-Replayed': {
		description: 'true quand la réponse est celle, mémorisée, d’une requête précédente avec la même Idempotency-Key.',
		schema: { type: 'string', enum: ['true'] }
	}
};
export const invalid = {
	'422': {
		description: 'Champs invalides ; un message en français par champ (un entier doit être un nombre JSON, aucun texte ne peut contenir le caractère NUL).',
		content: json('ValidationError')
	}
};
/** The lists' query strings are read strictly: a tool learns that its filter was not applied. */
export const invalidQuery = {
	'422': {
		description:
			'Paramètre de requête inconnu ou mal formé (état inconnu, date qui n’existe pas, page qui n’est pas un entier positif, fin avant le début…) : rien n’est filtré en silence ; un message en français par paramètre sous fields.',
		content: json('ValidationError')
	}
};
export const conflict = {
	'409': {
		description:
			'L’action a changé depuis la version envoyée : la version enregistrée est renvoyée (Conflict). Ou le territoire est archivé : aucune écriture n’est acceptée (Error, error = territories.archived).',
		content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Conflict' }, { $ref: '#/components/schemas/Error' }] } } }
	}
};
/** The API's own error bodies. */
export const commonSchemas = {
	Error: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' } } },
	ValidationError: {
		type: 'object',
		required: ['error', 'fields'],
		properties: {
			error: { const: 'validation.failed' },
			message: { type: 'string' },
			fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Champ → message en français' }
		}
	}
};
