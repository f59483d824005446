import { privacyPolicy } from '$lib/server/privacy/legal.usecases';
import type { PageServerLoad } from './$types';

/** The privacy policy is the personal-data register (src/lib/server/privacy/register.ts), in the reader's language. */
export const load: PageServerLoad = ({ locals }) => privacyPolicy(locals.locale);
