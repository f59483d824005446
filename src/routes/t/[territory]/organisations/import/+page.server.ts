import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { importSchools } from '$lib/server/organisations/organisations.import';
import { ValidationError } from '$lib/server/shared/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('organisation.manage', async () => ({}));

/** The file is never echoed back; only the mode chosen. */
const echoMode = (values: Record<string, string>) => ({ mode: values.mode === 'commit' ? 'commit' : 'dry' });

export const actions: Actions = {
	default: territoryAction(
		'organisation.manage',
		async ({ db, scope, actor, form, values }) => {
			const file = form.get('file');
			const upload = file instanceof File && file.size > 0 ? { bytes: new Uint8Array(await file.arrayBuffer()) } : null;
			return { summary: await importSchools(db, scope, actor, upload, { dryRun: values.mode !== 'commit' }) };
		},
		{
			echo: echoMode,
			// A body over the size limit is never read: the message goes next to the file field.
			mapError: (e) =>
				e instanceof ValidationError && e.fields._form?.key === 'request.too_large' ? new ValidationError({ file: { key: 'import.error.too_large' } }) : e
		}
	)
};
