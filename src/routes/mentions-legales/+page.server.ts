import { legalNotice } from '$lib/server/privacy/legal.usecases';
import type { PageServerLoad } from './$types';

/** A page to read: no JavaScript is sent (budget of 30 KB for public pages, decision 0010); the language switch is a plain form. */
export const csr = false;

/** What the operator declared in its environment (README: PUBLISHER_NAME…); nothing is invented. */
export const load: PageServerLoad = () => legalNotice();
