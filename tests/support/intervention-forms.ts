import { formStamp } from '../../src/lib/server/interventions/interventions.tokens';

/** What a school types on the public request form, shown 10 seconds before it is sent at `now`. */
export function schoolForm(now: Date, overrides: Record<string, string> = {}): Record<string, string> {
	return {
		stamp: formStamp(new Date(now.getTime() - 10_000)),
		website: '',
		requesterKind: 'school',
		organisationName: 'Collège Jean Jaurès',
		uai: '',
		kindCode: 'classroom_talk',
		audience: 'girls',
		level: 'college',
		groups: '3e B',
		schoolYear: '2025-2026',
		expectedSize: '28',
		wishedFrom: '2026-03-02',
		wishedTo: '2026-03-31',
		communeCode: '62765',
		contactName: 'Claire Martin',
		contactEmail: 'claire.martin@college.example',
		contactPhone: '03 21 00 00 00',
		message: '',
		...overrides
	};
}
