import type { Locale } from '$lib/i18n';
import type { TerritoryScope } from '$lib/server/shared/scope';

declare global {
	namespace App {
		interface Locals {
			user: { id: string; name: string; email: string; twoFactorEnabled: boolean; emailVerified: boolean } | null;
			principal: import('$lib/server/accounts/permissions').Principal | null;
			locale: Locale;
			/** `archived`: the territory is read-only (territoryAction and API writes refuse). */
			territory: { id: number; slug: string; name: string; demoLoaded: boolean; archived: boolean } | null;
			scope: TerritoryScope | null;
		}
		/** adapter-node's Node request: a video upload over BODY_SIZE_LIMIT is read from it directly (http/streamed-upload.ts). */
		interface Platform {
			req?: import('node:http').IncomingMessage;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
