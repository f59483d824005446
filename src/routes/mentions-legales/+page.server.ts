import { legalNotice } from '$lib/server/privacy/legal.usecases';
import type { PageServerLoad } from './$types';

/** What the operator declared in its environment (README: PUBLISHER_NAME…); nothing is invented. */
export const load: PageServerLoad = () => legalNotice();
