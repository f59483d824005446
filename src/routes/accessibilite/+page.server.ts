import { ACCESSIBILITY_AUDIT } from '$lib/domain/accessibility-audit';
import { operatorInfo } from '$lib/server/privacy/legal.usecases';
import type { PageServerLoad } from './$types';

/** A page to read: no JavaScript is sent (budget of 30 KB for public pages, decision 0010); the language switch is a plain form. */
export const csr = false;

/** The declaration shows the audit as written in src/lib/domain/accessibility-audit.ts, and the operator's contact. */
export const load: PageServerLoad = () => ({ audit: ACCESSIBILITY_AUDIT, operator: operatorInfo() });
