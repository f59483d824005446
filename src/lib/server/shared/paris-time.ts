import { TZDate } from '@date-fns/tz';

/** Every date of the platform is a day in France. */
export const PARIS = 'Europe/Paris';

/** Today's date (YYYY-MM-DD) in Paris. */
export function todayInParis(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: PARIS }).format(now);
}

/** A day and a time in Paris → the instant. */
export function parisInstant(date: string, time: string): Date {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const [hh, mm] = time.split(':').map(Number) as [number, number];
	return new Date(new TZDate(y, m - 1, d, hh, mm, PARIS).getTime());
}

/** The Paris day (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function parisParts(at: Date): { date: string; time: string } {
	const time = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
	return { date: todayInParis(at), time };
}

/** Adds working days (Monday to Friday) to an instant. */
export function addWorkingDays(from: Date, days: number): Date {
	const at = new Date(from);
	let left = days;
	while (left > 0) {
		at.setUTCDate(at.getUTCDate() + 1);
		const weekday = at.getUTCDay();
		if (weekday !== 0 && weekday !== 6) left--;
	}
	return at;
}
