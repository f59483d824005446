import { sql, type SQL } from 'drizzle-orm';
import { endedRequestContactsErasure, staleRateLimitsErasure } from '../interventions/interventions.repository';

/**
 * The register of personal data (RGPD art. 30) and its retention rules, as data:
 * the privacy page shows the register, `mixite retention` applies the rules.
 */
export interface RegisterEntry {
	data: string;
	purpose: string;
	basis: string;
	retention: string;
	/** Who receives the data (RGPD art. 13.1.e). */
	recipients: string;
	/** The same entry in English (the register is written in French first). */
	en: { data: string; purpose: string; basis: string; retention: string; recipients: string };
	/** Deletes (or anonymises) what is past retention; null when kept for the territory's life. */
	apply: ((now: Date) => SQL) | null;
}

const ago = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

export const REGISTER: RegisterEntry[] = [
	{
		data: 'Comptes : nom, adresse e-mail, mot de passe haché (scrypt), secret TOTP chiffré',
		purpose: 'Accès des personnes habilitées (coordination, partenaires, financeurs…)',
		basis: 'Mission d’intérêt public (RGPD art. 6.1.e)',
		retention: 'Tant que le compte est actif ; anonymisé 1 an après sa désactivation ou dès une demande d’effacement',
		recipients: 'La coordination du territoire et les administrateurs de la plateforme',
		en: {
			data: 'Accounts: name, e-mail address, hashed password (scrypt), encrypted TOTP secret',
			purpose: 'Access of the authorised people (coordination, partners, funders…)',
			basis: 'Public-interest task (GDPR art. 6.1.e)',
			retention: 'As long as the account is active; anonymised 1 year after it is deactivated or at once on an erasure request',
			recipients: 'The territory’s coordination and the platform’s administrators'
		},
		apply: (now) => sql`update "user" set name = 'Compte effacé', email = 'efface-' || id || '@invalid', image = null
			where deactivated_at is not null and deactivated_at < ${ago(now, 365)} and email not like 'efface-%'`
	},
	{
		data: 'Sessions : adresse IP, navigateur',
		purpose: 'Sécurité des connexions',
		basis: 'Intérêt légitime (sécurité du service)',
		retention: '7 jours après expiration',
		recipients: 'Les administrateurs de la plateforme et l’hébergeur',
		en: {
			data: 'Sessions: IP address, browser',
			purpose: 'Security of sign-ins',
			basis: 'Legitimate interest (security of the service)',
			retention: '7 days after expiry',
			recipients: 'The platform’s administrators and the host'
		},
		apply: (now) => sql`delete from session where expires_at < ${ago(now, 7)}`
	},
	{
		data: 'Tentatives de connexion échouées : adresse IP, adresse e-mail',
		purpose: 'Limiter les attaques par essais successifs',
		basis: 'Intérêt légitime (sécurité du service)',
		retention: '24 heures',
		recipients: 'Les administrateurs de la plateforme',
		en: {
			data: 'Failed sign-in attempts: IP address, e-mail address',
			purpose: 'Slow down password-guessing attacks',
			basis: 'Legitimate interest (security of the service)',
			retention: '24 hours',
			recipients: 'The platform’s administrators'
		},
		apply: (now) => sql`delete from sign_in_throttle where window_started_at < ${ago(now, 1)}`
	},
	{
		data: 'Invitations et liens de création de compte : adresse e-mail',
		purpose: 'Créer les comptes',
		basis: 'Mission d’intérêt public',
		retention: '30 jours après expiration ou utilisation',
		recipients: 'La coordination du territoire',
		en: {
			data: 'Invitations and account creation links: e-mail address',
			purpose: 'Create the accounts',
			basis: 'Public-interest task',
			retention: '30 days after expiry or use',
			recipients: 'The territory’s coordination'
		},
		apply: (now) => sql`delete from invitations where expires_at < ${ago(now, 30)}`
	},
	{
		data: 'Jetons de vérification (e-mail, mot de passe oublié)',
		purpose: 'Vérifier une adresse, réinitialiser un mot de passe',
		basis: 'Mission d’intérêt public',
		retention: 'Jusqu’à expiration (1 heure à 3 jours)',
		recipients: 'Personne (traitement automatique)',
		en: {
			data: 'Verification tokens (e-mail, forgotten password)',
			purpose: 'Verify an address, reset a password',
			basis: 'Public-interest task',
			retention: 'Until expiry (1 hour to 3 days)',
			recipients: 'No one (automatic processing)'
		},
		apply: (now) => sql`delete from verification where expires_at < ${now.toISOString()}`
	},
	{
		data: 'Journal d’audit : auteur, date, adresse IP, valeurs avant et après',
		purpose: 'Traçabilité de la comptabilité des personnes sensibilisées',
		basis: 'Obligation de rendre compte aux financeurs (mission d’intérêt public)',
		retention: '5 ans',
		recipients: 'La coordination du territoire ; les financeurs sur demande, pour le contrôle des comptes',
		en: {
			data: 'Audit log: author, date, IP address, values before and after',
			purpose: 'Traceability of the accounting of people made aware',
			basis: 'Duty to report to the funders (public-interest task)',
			retention: '5 years',
			recipients: 'The territory’s coordination; the funders on request, to check the accounts'
		},
		apply: (now) => sql`delete from audit_events where created_at < ${ago(now, 5 * 365)}`
	},
	{
		data: 'Journaux techniques (requêtes, événements de sécurité, sans secret)',
		purpose: 'Exploitation et sécurité',
		basis: 'Intérêt légitime',
		retention: '1 an, par l’hébergeur (sortie standard du service)',
		recipients: 'L’hébergeur et les administrateurs de la plateforme',
		en: {
			data: 'Technical logs (requests, security events, no secret)',
			purpose: 'Operation and security',
			basis: 'Legitimate interest',
			retention: '1 year, by the host (the service’s standard output)',
			recipients: 'The host and the platform’s administrators'
		},
		apply: null
	},
	{
		data: 'Demandes d’intervention : nom, adresse e-mail et téléphone de la personne à contacter',
		purpose: 'Organiser l’intervention demandée sur le formulaire public et en rendre compte',
		basis: 'Mission d’intérêt public (RGPD art. 6.1.e)',
		retention: 'E-mail et téléphone effacés 12 mois après la fin de la demande (compte rendu, refus, annulation, expiration)',
		recipients: 'La coordination du territoire et les intervenantes qui répondent à la demande',
		en: {
			data: 'Intervention requests: name, e-mail address and phone number of the contact person',
			purpose: 'Organise the intervention asked for on the public form and report on it',
			basis: 'Public-interest task (GDPR art. 6.1.e)',
			retention: 'E-mail and phone erased 12 months after the request ends (report, refusal, cancellation, expiry)',
			recipients: 'The territory’s coordination and the role models who answer the request'
		},
		apply: endedRequestContactsErasure
	},
	{
		data: 'Formulaire public de demande : empreinte de l’adresse IP (limite d’envoi)',
		purpose: 'Limiter les envois automatisés',
		basis: 'Intérêt légitime (sécurité du service)',
		retention: '24 heures',
		recipients: 'Personne (traitement automatique)',
		en: {
			data: 'Public request form: fingerprint of the IP address (sending limit)',
			purpose: 'Limit automated submissions',
			basis: 'Legitimate interest (security of the service)',
			retention: '24 hours',
			recipients: 'No one (automatic processing)'
		},
		apply: staleRateLimitsErasure
	},
	{
		data: 'Photos des intervenantes (JPEG, PNG ou WebP, 2 Mo au plus)',
		purpose: 'Illustrer leur profil public « Elles témoignent », avec leur consentement',
		basis: 'Consentement (RGPD art. 6.1.a), daté et retirable',
		retention:
			'Montrée tant que le consentement tient ; effacée quand elle la retire, avec son profil, ou au plus tard au passage suivant de la rétention après le retrait du consentement',
		recipients: 'Le public du site (profil « Elles témoignent »), tant que le consentement tient',
		en: {
			data: 'Photos of the role models (JPEG, PNG or WebP, 2 MB at most)',
			purpose: 'Illustrate their public « Elles témoignent » profile, with their consent',
			basis: 'Consent (GDPR art. 6.1.a), dated and revocable',
			retention:
				'Shown while the consent holds; erased when she withdraws it, with her profile, or at the latest at the next retention run after the consent is withdrawn',
			recipients: 'The site’s public (« Elles témoignent » profile), while the consent holds'
		},
		apply: () => sql`delete from role_model_photos where profile_id in (select id from role_model_profiles where public_consent_withdrawn_at is not null)`
	},
	{
		data: 'Élèves : aucune donnée nominative, uniquement des effectifs par public et niveau',
		purpose: 'Compter les personnes sensibilisées',
		basis: 'Sans objet (données agrégées)',
		retention: 'Durée du plan d’action',
		recipients: 'Le public (effectifs agrégés seulement)',
		en: {
			data: 'Pupils: no personal data, only counts by audience and level',
			purpose: 'Count the people made aware',
			basis: 'Not applicable (aggregated data)',
			retention: 'The action plan’s duration',
			recipients: 'The public (aggregated counts only)'
		},
		apply: null
	},
	{
		data: 'Portraits vidéo : prénom, métier, entreprise, image et voix de la personne filmée, son consentement signé (PDF)',
		purpose: 'Faire connaître les métiers de l’industrie par les portraits de femmes qui les exercent',
		basis: 'Consentement écrit et spécifique de la personne filmée (RGPD art. 6.1.a), pour les usages cochés : site web, projections, réseaux sociaux',
		retention:
			'Jusqu’à la fin de validité du consentement ou son retrait : le portrait est alors retiré du site automatiquement ; le formulaire signé est gardé comme preuve',
		recipients: 'Le public (portraits en ligne), les prescripteurs qui les projettent, la coordination du territoire',
		en: {
			data: 'Video portraits: first name, job, firm, image and voice of the filmed person, her signed consent (PDF)',
			purpose: 'Make industrial jobs known through portraits of the women who do them',
			basis: 'Written and specific consent of the filmed person (GDPR art. 6.1.a), for the uses ticked: website, screenings, social media',
			retention: 'Until the consent ends or is withdrawn: the portrait is then taken off the website automatically; the signed form is kept as proof',
			recipients: 'The public (online portraits), the prescribers who screen them, the territory’s coordination'
		},
		apply: null
	}
];

/** Pending erasure requests: the account is anonymised and its sessions closed; the audit keeps an anonymous trace. */
export const ERASURE = [
	sql`update "user" set name = 'Compte effacé', email = 'efface-' || id || '@invalid', image = null, deactivated_at = coalesce(deactivated_at, now())
		where id in (select user_id from erasure_requests where processed_at is null)`,
	sql`delete from session where user_id in (select user_id from erasure_requests where processed_at is null)`,
	sql`delete from account where user_id in (select user_id from erasure_requests where processed_at is null)`,
	sql`delete from two_factor where user_id in (select user_id from erasure_requests where processed_at is null)`,
	sql`update audit_events set actor_label = 'Compte effacé', ip = null where actor_user_id in (select user_id from erasure_requests where processed_at is null)`,
	sql`update erasure_requests set processed_at = now() where processed_at is null`
];
