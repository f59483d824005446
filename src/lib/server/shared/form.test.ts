import { describe, expect, it } from 'vitest';
import { SECRET_FIELD } from './form';

describe('which fields are never echoed back after a refusal', () => {
	it('passwords, one-time codes, tokens and secrets are not', () => {
		for (const name of ['password', 'passwordConfirm', 'currentPassword', 'newPassword', 'code', 'backupCode', 'token', 'clientSecret'])
			expect(SECRET_FIELD.test(name), name).toBe(true);
	});
	it('what a person typed is, even when its name holds one of those words (communeCode)', () => {
		for (const name of ['communeCode', 'name', 'email', 'siret', 'uai', 'title', 'tokenName', 'postalCode']) expect(SECRET_FIELD.test(name), name).toBe(false);
	});
});
