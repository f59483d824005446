import { redirect } from '@sveltejs/kit';
import { idParam } from '$lib/server/http';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import {
	portraitEditor,
	publishPortrait,
	setCaptions,
	setConsent,
	setTranscript,
	unpublishPortrait,
	updatePortrait,
	uploadPoster,
	withdrawConsent
} from '$lib/server/portraits/portraits.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('portrait.manage', ({ event, db, scope, actor }) =>
	portraitEditor(db, scope, actor, idParam(event.params.id))
);

const back = (event: { params: { territory: string; id: string } }, query: string) =>
	`/t/${event.params.territory}/portraits/${event.params.id}/modifier?${query}`;
/** Each section's refusal comes back to its own form (`which`), with what was typed. */
const echo = (which: string) => (values: Record<string, string>, form: FormData | null) => ({ ...values, which, scopes: form?.getAll('scopes') ?? [] });
const file = (form: FormData, name: string) => {
	const value = form.get(name);
	return value instanceof File ? value : null;
};

export const actions: Actions = {
	details: territoryAction(
		'portrait.manage',
		async ({ event, db, scope, actor, values }) => {
			await updatePortrait(db, scope, actor, idParam(event.params.id), values);
			redirect(303, back(event, 'saved=details#details'));
		},
		{ echo: echo('details') }
	),
	poster: territoryAction(
		'portrait.manage',
		async ({ event, db, scope, actor, form }) => {
			await uploadPoster(db, scope, actor, idParam(event.params.id), file(form, 'poster'));
			redirect(303, back(event, 'saved=poster#poster'));
		},
		{ echo: echo('poster') }
	),
	captions: territoryAction(
		'portrait.manage',
		async ({ event, db, scope, actor, form, values }) => {
			await setCaptions(db, scope, actor, idParam(event.params.id), { text: values.captions ?? '', file: file(form, 'captionsFile') });
			redirect(303, back(event, 'saved=captions#captions'));
		},
		{ echo: echo('captions') }
	),
	transcript: territoryAction(
		'portrait.manage',
		async ({ event, db, scope, actor, values }) => {
			await setTranscript(db, scope, actor, idParam(event.params.id), values);
			redirect(303, back(event, 'saved=transcript#transcript'));
		},
		{ echo: echo('transcript') }
	),
	consent: territoryAction(
		'portrait.manage',
		async ({ event, db, scope, actor, form, values }) => {
			await setConsent(db, scope, actor, idParam(event.params.id), { ...values, scopes: form.getAll('scopes') }, file(form, 'consentForm'));
			redirect(303, back(event, 'saved=consent#consent'));
		},
		{ echo: echo('consent') }
	),
	withdraw: territoryAction('portrait.manage', async ({ event, db, scope, actor }) => {
		await withdrawConsent(db, scope, actor, idParam(event.params.id));
		redirect(303, back(event, 'saved=withdrawn#consent'));
	}),
	publish: territoryAction(
		'portrait.manage',
		async ({ event, db, scope, actor }) => {
			await publishPortrait(db, scope, actor, idParam(event.params.id));
			redirect(303, back(event, 'saved=published#publication'));
		},
		{ echo: echo('publication') }
	),
	unpublish: territoryAction('portrait.manage', async ({ event, db, scope, actor }) => {
		await unpublishPortrait(db, scope, actor, idParam(event.params.id));
		redirect(303, back(event, 'saved=unpublished#publication'));
	})
};
