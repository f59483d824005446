/** Messages about the request itself (its format, method, idempotency key), for pages and the API; spread into fr.ts and en.ts. */
export const requestsFr = {
	'request.nul_character': 'Ce champ contient un caractère invisible interdit (NUL) : retirez-le.',
	'request.nul_character_page':
		'Le champ « {field} » du formulaire contient un caractère invisible interdit (NUL). Retirez-le puis envoyez à nouveau le formulaire.',
	'request.bad_form': 'Le formulaire reçu est illisible (type de contenu absent ou corps incomplet). Rechargez la page puis envoyez-le à nouveau.',
	'request.bad_form_title': 'Formulaire illisible',
	'validation.version': 'Indiquez la version de l’enregistrement que vous modifiez (nombre entier positif).',
	'request.too_large': 'Le formulaire envoyé est trop volumineux : allégez-le (fichier plus petit) puis envoyez-le à nouveau.',
	'request.method_not_allowed': 'Cette adresse n’accepte pas la méthode {method}. Méthodes acceptées : {allow}.',
	'request.unsupported_media_type': 'Envoyez le corps de la requête en JSON, avec l’en-tête Content-Type: application/json.',
	'request.expected_integer': 'Indiquez un nombre entier JSON, sans guillemets.',
	'request.idempotency_invalid_key': 'L’en-tête Idempotency-Key doit contenir de 1 à 255 caractères ASCII visibles (un UUID par exemple).',
	'request.idempotency_key_reused': 'Cette clé Idempotency-Key a déjà servi pour une autre requête : choisissez une nouvelle clé pour chaque nouvelle requête.',
	'request.idempotency_in_progress': 'Une requête avec la même clé Idempotency-Key est en cours : réessayez dans un instant.'
} as const;

export const requestsEn: Record<keyof typeof requestsFr, string> = {
	'request.nul_character': 'This field contains a forbidden invisible character (NUL): remove it.',
	'request.nul_character_page': 'The form field “{field}” contains a forbidden invisible character (NUL). Remove it and send the form again.',
	'request.bad_form': 'The form received cannot be read (content type missing or body incomplete). Reload the page and send it again.',
	'request.bad_form_title': 'Unreadable form',
	'validation.version': 'Give the version of the record you are changing (a positive whole number).',
	'request.too_large': 'The form sent is too large: make it lighter (a smaller file) and send it again.',
	'request.method_not_allowed': 'This address does not accept the {method} method. Accepted methods: {allow}.',
	'request.unsupported_media_type': 'Send the request body as JSON, with the header Content-Type: application/json.',
	'request.expected_integer': 'Give a JSON whole number, without quotes.',
	'request.idempotency_invalid_key': 'The Idempotency-Key header must hold 1 to 255 visible ASCII characters (a UUID for instance).',
	'request.idempotency_key_reused': 'This Idempotency-Key was already used for another request: choose a new key for each new request.',
	'request.idempotency_in_progress': 'A request with the same Idempotency-Key is in progress: try again in a moment.'
};
