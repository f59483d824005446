import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { twoFactor as twoFactorPlugin } from 'better-auth/plugins/two-factor';
import type { Db } from '../db/client';
import { errorFields, logEvent } from '../log';
import { enqueueMail } from '../outbox/outbox.repository';
import { account, session, twoFactor, user, verification } from './accounts.table';
import { authCookie } from './auth-cookies';

export interface AuthOptions {
	baseURL: string;
	secret: string;
}

/**
 * better-auth on the platform's database. Its HTTP handler is not mounted: sign-in,
 * sign-out, two-factor and account creation go through the platform's own form actions,
 * so that no sign-up endpoint exists (docs/decisions/0002).
 */
export function createAuth(db: Db, options: AuthOptions) {
	const cookie = (name: string) => authCookie(options.baseURL, name);
	return betterAuth({
		appName: 'Mixité Industrie',
		baseURL: options.baseURL,
		secret: options.secret,
		trustedOrigins: [options.baseURL],
		database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification, twoFactor } }),
		emailAndPassword: {
			enabled: true,
			minPasswordLength: 12,
			maxPasswordLength: 256,
			autoSignIn: true,
			revokeSessionsOnPasswordReset: true,
			resetPasswordTokenExpiresIn: 60 * 60,
			sendResetPassword: async ({ user: u, token }) => {
				// Outside any territory; sent by the outbox's worker.
				await enqueueMail(db, {
					territoryId: null,
					kind: 'password_reset',
					to: u.email,
					subject: 'Mixité Industrie — réinitialiser votre mot de passe',
					text: `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :\n${options.baseURL}/mot-de-passe/nouveau?token=${encodeURIComponent(token)}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.\n`
				});
			}
		},
		emailVerification: {
			expiresIn: 60 * 60 * 24 * 3,
			sendVerificationEmail: async ({ user: u, token }) => {
				await enqueueMail(db, {
					territoryId: null,
					kind: 'email_verification',
					to: u.email,
					subject: 'Mixité Industrie — vérifiez votre adresse e-mail',
					text: `Bonjour,\n\nConfirmez votre adresse en ouvrant ce lien (valable 3 jours) :\n${options.baseURL}/verifier-email?token=${encodeURIComponent(token)}\n`
				});
			}
		},
		// Absolute lifetime: a session ends 12 hours after sign-in, used or not (ASVS 7.3.2).
		session: { expiresIn: 60 * 60 * 12, disableSessionRefresh: true },
		// better-auth's limiter only guards its HTTP handler, which is not mounted: sign-in throttling is ours (throttle.ts).
		rateLimit: { enabled: false },
		advanced: {
			useSecureCookies: false,
			cookies: {
				session_token: cookie('session_token'),
				session_data: cookie('session_data'),
				dont_remember: cookie('dont_remember'),
				two_factor: cookie('two_factor'),
				trust_device: cookie('trust_device')
			}
		},
		plugins: [twoFactorPlugin({ issuer: 'Mixité Industrie', skipVerificationOnEnable: false })],
		telemetry: { enabled: false },
		// Through our log: an error's SQLSTATE and names only (errorFields), never e-mail addresses.
		logger: {
			disabled: process.env.NODE_ENV === 'test',
			level: 'warn',
			log: (level, message, ...args) => {
				const error = args.find((a) => a instanceof Error);
				logEvent(level === 'error' ? 'error' : 'warn', 'auth_library', {
					said: String(message)
						.replace(/[^\s"'<>()]+@[^\s"'<>()]+/g, '<e-mail>')
						.slice(0, 200),
					...(error ? errorFields(error) : {})
				});
			}
		}
	});
}

export type Auth = ReturnType<typeof createAuth>;
