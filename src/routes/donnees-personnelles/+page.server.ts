import { privacyPolicy } from '$lib/server/privacy/legal.usecases';
import type { PageServerLoad } from './$types';

/** A page to read: no JavaScript is sent (budget of 30 KB for public pages, decision 0010); the language switch is a plain form. */
export const csr = false;

/** The privacy policy is the personal-data register (src/lib/server/privacy/register.ts), in the reader's language. */
export const load: PageServerLoad = ({ locals }) => privacyPolicy(locals.locale);
