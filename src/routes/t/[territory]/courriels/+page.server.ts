import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { browseOutbox, readOutboxFilter, resendMessage } from '$lib/server/outbox/outbox.usecases';
import { parseRecordId } from '$lib/server/shared/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('outbox.read', async ({ event, db, scope }) => {
	return browseOutbox(db, scope, readOutboxFilter(event.url.searchParams));
});

export const actions: Actions = {
	resend: territoryAction(
		'outbox.resend',
		async ({ event, db, scope, actor, values }) => {
			// A malformed id names no message: the same "not found" as an unknown one.
			await resendMessage(db, scope, actor, parseRecordId(values.messageId) ?? -1);
			redirect(303, `/t/${event.params.territory}/courriels?resent=1`);
		},
		{ echo: () => ({}) }
	)
};
