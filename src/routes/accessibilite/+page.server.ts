import { ACCESSIBILITY_AUDIT } from '$lib/domain/accessibility-audit';
import { operatorInfo } from '$lib/server/privacy/legal.usecases';
import type { PageServerLoad } from './$types';

/** The declaration shows the audit as written in src/lib/domain/accessibility-audit.ts, and the operator's contact. */
export const load: PageServerLoad = () => ({ audit: ACCESSIBILITY_AUDIT, operator: operatorInfo() });
