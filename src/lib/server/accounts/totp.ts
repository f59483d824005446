import crypto from 'node:crypto';
import { symmetricDecrypt } from 'better-auth/crypto';
import QRCode from 'qrcode';
import type { Auth } from './auth';

/** As configured in better-auth's two-factor plugin (its defaults): 6 digits, 30-second steps, ±1 step of drift. */
const PERIOD_MS = 30_000;
const DIGITS = 6;
const DRIFT = 1;
/** The issuer shown by authenticator apps; the same as better-auth's appName (auth.ts). */
export const TOTP_ISSUER = 'Mixité Industrie';

/** The TOTP secret as better-auth uses it (the UTF-8 bytes of a random string), decrypted with the auth secret. */
export async function decryptTotpSecret(auth: Auth, encrypted: string): Promise<string> {
	const context = await auth.$context;
	return symmetricDecrypt({ key: context.secretConfig, data: encrypted });
}

function hotp(secret: string, counter: number): string {
	const message = Buffer.alloc(8);
	message.writeBigUInt64BE(BigInt(counter));
	const mac = crypto.createHmac('sha1', Buffer.from(secret, 'utf8')).update(message).digest();
	const offset = mac[mac.length - 1]! & 0xf;
	return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** DIGITS).padStart(DIGITS, '0');
}

/**
 * The time-step a code belongs to (within the drift better-auth accepts), or null. Knowing the
 * exact step lets a used code be refused without refusing the next one.
 */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
	const current = Math.floor(now / PERIOD_MS);
	for (let step = current - DRIFT; step <= current + DRIFT; step++) {
		const expected = hotp(secret, step);
		if (expected.length === code.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(code))) return step;
	}
	return null;
}

/** The otpauth:// address as an SVG QR code, drawn here: the secret never goes to a third-party service. */
export async function qrCodeSvg(otpauthUrl: string): Promise<string> {
	return QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** RFC 4648 base32 without padding, as in otpauth:// addresses. */
export function base32(text: string): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const byte of Buffer.from(text, 'utf8')) bits += byte.toString(2).padStart(8, '0');
	let out = '';
	for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
	return out;
}
