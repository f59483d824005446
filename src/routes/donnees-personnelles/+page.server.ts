import { privacyRegister } from '$lib/server/privacy/privacy.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ register: privacyRegister() });
