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
		apply: (now) => sql`update "user" set name = 'Compte effacé', email = 'efface-' || id || '@invalid', image = null
			where deactivated_at is not null and deactivated_at < ${ago(now, 365)} and email not like 'efface-%'`
	},
	{
		data: 'Sessions : adresse IP, navigateur',
		purpose: 'Sécurité des connexions',
		basis: 'Intérêt légitime (sécurité du service)',
		retention: '7 jours après expiration',
		apply: (now) => sql`delete from session where expires_at < ${ago(now, 7)}`
	},
	{
		data: 'Tentatives de connexion échouées : adresse IP, adresse e-mail',
		purpose: 'Limiter les attaques par essais successifs',
		basis: 'Intérêt légitime (sécurité du service)',
		retention: '24 heures',
		apply: (now) => sql`delete from sign_in_throttle where window_started_at < ${ago(now, 1)}`
	},
	{
		data: 'Invitations et liens de création de compte : adresse e-mail',
		purpose: 'Créer les comptes',
		basis: 'Mission d’intérêt public',
		retention: '30 jours après expiration ou utilisation',
		apply: (now) => sql`delete from invitations where expires_at < ${ago(now, 30)}`
	},
	{
		data: 'Jetons de vérification (e-mail, mot de passe oublié)',
		purpose: 'Vérifier une adresse, réinitialiser un mot de passe',
		basis: 'Mission d’intérêt public',
		retention: 'Jusqu’à expiration (1 heure à 3 jours)',
		apply: (now) => sql`delete from verification where expires_at < ${now.toISOString()}`
	},
	{
		data: 'Journal d’audit : auteur, date, adresse IP, valeurs avant et après',
		purpose: 'Traçabilité de la comptabilité des personnes sensibilisées',
		basis: 'Obligation de rendre compte aux financeurs (mission d’intérêt public)',
		retention: '5 ans',
		apply: (now) => sql`delete from audit_events where created_at < ${ago(now, 5 * 365)}`
	},
	{
		data: 'Journaux techniques (requêtes, événements de sécurité, sans secret)',
		purpose: 'Exploitation et sécurité',
		basis: 'Intérêt légitime',
		retention: '1 an, par l’hébergeur (sortie standard du service)',
		apply: null
	},
	{
		data: 'Demandes d’intervention : nom, adresse e-mail et téléphone de la personne à contacter',
		purpose: 'Organiser l’intervention demandée sur le formulaire public et en rendre compte',
		basis: 'Mission d’intérêt public (RGPD art. 6.1.e)',
		retention: 'E-mail et téléphone effacés 12 mois après la fin de la demande (compte rendu, refus, annulation, expiration)',
		apply: endedRequestContactsErasure
	},
	{
		data: 'Formulaire public de demande : empreinte de l’adresse IP (limite d’envoi)',
		purpose: 'Limiter les envois automatisés',
		basis: 'Intérêt légitime (sécurité du service)',
		retention: '24 heures',
		apply: staleRateLimitsErasure
	},
	{
		data: 'Photos des intervenantes (JPEG, PNG ou WebP, 2 Mo au plus)',
		purpose: 'Illustrer leur profil public « Elles témoignent », avec leur consentement',
		basis: 'Consentement (RGPD art. 6.1.a), daté et retirable',
		retention:
			'Montrée tant que le consentement tient ; effacée quand elle la retire, avec son profil, ou au plus tard au passage suivant de la rétention après le retrait du consentement',
		apply: () => sql`delete from role_model_photos where profile_id in (select id from role_model_profiles where public_consent_withdrawn_at is not null)`
	},
	{
		data: 'Élèves : aucune donnée nominative, uniquement des effectifs par public et niveau',
		purpose: 'Compter les personnes sensibilisées',
		basis: 'Sans objet (données agrégées)',
		retention: 'Durée du plan d’action',
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
