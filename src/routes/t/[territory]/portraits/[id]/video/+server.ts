import { error, json, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { translator } from '$lib/i18n';
import { VIDEO_TYPES } from '$lib/domain/portraits';
import { mediaTools } from '$lib/server/files/media-tools';
import { serveFile } from '$lib/server/http/file-response';
import { authorize, idParam, optionalActor, scopeOf } from '$lib/server/http';
import { receiveStreamedFile } from '$lib/server/http/streamed-upload';
import { portraitFile } from '$lib/server/portraits/portraits.public';
import { attachVideo, fileRefusal, portraitsDir, VIDEO_MAX_BYTES } from '$lib/server/portraits/portraits.usecases';
import { DomainError, ValidationError } from '$lib/server/shared/errors';
import type { RequestHandler } from './$types';

/** The video, streamed with ranges (206), while the portrait is online, or to the coordination. */
export const GET: RequestHandler = async (event) => {
	const found = await portraitFile(getApp().database.db, scopeOf(event.locals), optionalActor(event.locals), idParam(event.params.id), 'video');
	if (!found || found.kind !== 'file') error(404, { message: translator(event.locals.locale)('portraits.not_found') });
	return serveFile(event.request, found);
};
export const HEAD = GET;

/**
 * The coordination uploads the video (multipart, field `video`), streamed to disk. A page with
 * JavaScript posts it with a progress bar and reads the JSON answer; a plain form is sent back to
 * the editor with the outcome in the address.
 */
export const POST: RequestHandler = async (event) => {
	const { scope, actor } = await authorize(event, 'portrait.manage');
	const id = idParam(event.params.id);
	const t = translator(event.locals.locale);
	const wantsJson = (event.request.headers.get('accept') ?? '').includes('application/json');
	const back = `/t/${event.params.territory}/portraits/${id}/modifier`;
	try {
		if (event.locals.territory?.archived) throw new ValidationError({ video: { key: 'territories.archived' } });
		const stored = await receiveStreamedFile(event, 'video', portraitsDir(scope), { maxBytes: VIDEO_MAX_BYTES, types: VIDEO_TYPES }).catch((e: unknown) => {
			throw fileRefusal('video', e);
		});
		const result = await attachVideo(getApp().database.db, scope, actor, id, stored, mediaTools());
		if (wantsJson) return json({ ok: true, durationSeconds: result.durationSeconds, location: `${back}?video=ok` });
		redirect(303, `${back}?video=ok`);
	} catch (e) {
		if (e instanceof ValidationError) {
			const field = e.fields.video ?? Object.values(e.fields)[0]!;
			const message = t(field.key, field.params);
			if (wantsJson) return json({ ok: false, message }, { status: 400 });
			redirect(303, `${back}?video_error=${encodeURIComponent(field.key)}`);
		}
		if (e instanceof DomainError && e.status === 404) error(404, { message: t('error.not_found') });
		throw e;
	}
};
