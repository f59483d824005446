import { config } from '$lib/server/config';
import { scopeOf } from '$lib/server/http';
import { platformAdminAction, platformAdminLoad } from '$lib/server/http/handlers';
import { importCommuneOutlines, outlinesView } from '$lib/server/territories/territories.outlines';
import { ValidationError } from '$lib/server/shared/errors';
import { archiveTerritory, inviteCoordinator, renameTerritory, restoreTerritory, territoryAdminView } from '$lib/server/territories/territories.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = platformAdminLoad(async ({ event, db, actor }) => ({
	managed: await territoryAdminView(db, actor, scopeOf(event.locals)),
	outlines: await outlinesView(db, actor, scopeOf(event.locals)),
	created: event.url.searchParams.has('created')
}));

/** Archive and restore carry no field: a refusal echoes nothing back. */
const echoNothing = () => ({});

export const actions: Actions = {
	outlines: platformAdminAction(
		async ({ event, db, actor, form, values }) => {
			const file = form.get('file');
			const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
			return { outlineSummary: await importCommuneOutlines(db, actor, scopeOf(event.locals), { bytes }, { dryRun: values.mode !== 'commit' }) };
		},
		{
			echo: echoNothing,
			// A body over the size limit is never read: the message goes next to the file field.
			mapError: (e) =>
				e instanceof ValidationError && e.fields._form?.key === 'request.too_large' ? new ValidationError({ file: { key: 'outlines.error.too_large' } }) : e
		}
	),
	rename: platformAdminAction(async ({ event, db, actor, values }) => {
		await renameTerritory(db, actor, scopeOf(event.locals), values);
		return { renamed: true };
	}),
	invite: platformAdminAction(async ({ event, db, actor, values }) => {
		await inviteCoordinator(db, actor, scopeOf(event.locals), values, config().baseURL);
		return { invited: String(values.email ?? '').trim() };
	}),
	archive: platformAdminAction(
		async ({ event, db, actor }) => {
			await archiveTerritory(db, actor, scopeOf(event.locals));
			return { archived: true };
		},
		{ echo: echoNothing }
	),
	restore: platformAdminAction(
		async ({ event, db, actor }) => {
			await restoreTerritory(db, actor, scopeOf(event.locals));
			return { restored: true };
		},
		{ echo: echoNothing }
	)
};
