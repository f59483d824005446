/**
 * The access each route and API endpoint requires, by method and form action: the table of
 * access-matrix.test.ts, which finds every route on disk and fails on one missing here, then
 * tries each against every role, on its own territory and on another one.
 */
import type { Permission } from '../../src/lib/server/accounts/permissions';

/** 'platform-admin': platform administrators only, whatever the territory (deactivating an account). */
/** 'secret-link': anyone holding the secret URL (an iCal feed); an unknown secret answers 404. */
export type Access = 'public' | 'signed-in' | 'bearer' | 'platform-admin' | 'secret-link' | Permission;
export interface RouteRule {
	GET?: Access;
	POST?: Access;
	PUT?: Access;
	DELETE?: Access;
	actions?: Record<string, Access>;
}

export const RULES: Record<string, RouteRule> = {
	'/': { GET: 'public' },
	'/admin/territoires': { GET: 'platform-admin', actions: { create: 'platform-admin' } },
	'/admin/tableau-de-bord': { GET: 'platform-admin' },
	'/admin/tableau-de-bord/export.csv': { GET: 'platform-admin' },
	'/admin/tableau-de-bord/export.xlsx': { GET: 'platform-admin' },
	'/admin/tableau-de-bord/export.json': { GET: 'platform-admin' },
	'/admin/territoires/[territory]': {
		GET: 'platform-admin',
		actions: { rename: 'platform-admin', invite: 'platform-admin', archive: 'platform-admin', restore: 'platform-admin', outlines: 'platform-admin' }
	},
	'/api/v1/activity-types': { GET: 'public' },
	'/api/v1/indicator': { GET: 'public' },
	'/api/v1/openapi.json': { GET: 'public' },
	'/api/v1/territories': { GET: 'public' },
	'/api/v1/territories/[territory]/activities': { GET: 'bearer', POST: 'bearer' },
	'/api/v1/territories/[territory]/activities/[id]': { GET: 'bearer', PUT: 'bearer', DELETE: 'bearer' },
	'/api/v1/territories/[territory]/indicator': { GET: 'public' },
	'/api/v1/territories/[territory]/open-data': { GET: 'public' },
	'/api/v1/territories/[territory]/interventions': { GET: 'bearer' },
	'/api/v1/territories/[territory]/organisations': { GET: 'bearer' },
	'/api/v1/territories/[territory]/organisations/[id]': { GET: 'bearer' },
	'/api/v1/territories/[territory]/plan': { GET: 'public' },
	'/api/v1/territories/[territory]/requests': { GET: 'bearer' },
	'/api/v1/territories/[territory]/requests/[id]': { GET: 'bearer' },
	'/api/v1/territories/[territory]/requests/[id]/moves': { POST: 'bearer' },
	'/api/v1/territories/[territory]/role-models': { GET: 'bearer' },
	'/api/v1/territories/[territory]/role-models/[id]': { GET: 'bearer' },
	'/api/v1/territories/[territory]/sheet': { GET: 'public' },
	'/api/v1/territories/[territory]/trainings': { GET: 'public' },
	'/compte': { GET: 'signed-in', actions: { password: 'signed-in', erase: 'signed-in' } },
	'/compte/donnees.json': { GET: 'signed-in' },
	'/compte/securite': { GET: 'signed-in', actions: { enable: 'signed-in', restart: 'signed-in', verify: 'signed-in' } },
	'/connexion': { GET: 'public', actions: { default: 'public' } },
	'/connexion/2fa': { GET: 'public', actions: { default: 'public' } },
	'/deconnexion': { POST: 'public' },
	'/donnees-personnelles': { GET: 'public' },
	'/mentions-legales': { GET: 'public' },
	'/accessibilite': { GET: 'public' },
	'/plan-du-site': { GET: 'public' },
	'/sitemap.xml': { GET: 'public' },
	'/robots.txt': { GET: 'public' },
	'/manifest.webmanifest': { GET: 'public' },
	'/healthz': { GET: 'public' },
	'/readyz': { GET: 'public' },
	'/installation/[token]': { GET: 'public', actions: { default: 'public' } },
	'/invitation/[token]': { GET: 'public', actions: { create: 'public', join: 'signed-in' } },
	'/langue': { POST: 'public' },
	'/mot-de-passe-oublie': { GET: 'public', actions: { default: 'public' } },
	'/mot-de-passe/nouveau': { GET: 'public', actions: { default: 'public' } },
	'/plans': { GET: 'public' },
	// An unknown private link is a 404 page; its forms answer in French on the page.
	'/reponse/[token]': { GET: 'secret-link', actions: { default: 'public' } },
	'/compte-rendu/[token]': { GET: 'secret-link', actions: { default: 'public' } },
	'/demande/[token]': { GET: 'secret-link', actions: { update: 'public', cancel: 'public', account: 'public' } },
	'/verifier-email': { GET: 'public', actions: { default: 'public' } },
	'/t/[territory]': { GET: 'public' },
	'/t/[territory]/indicateur': { GET: 'public' },
	'/t/[territory]/tableau-de-bord': { GET: 'dashboard.read' },
	'/t/[territory]/tableau-de-bord/export.csv': { GET: 'dashboard.read' },
	'/t/[territory]/tableau-de-bord/export.xlsx': { GET: 'dashboard.read' },
	'/t/[territory]/tableau-de-bord/export.json': { GET: 'dashboard.read' },
	'/t/[territory]/carte': { GET: 'public' },
	'/t/[territory]/donnees-ouvertes': { GET: 'public' },
	'/t/[territory]/donnees-ouvertes/donnees.csv': { GET: 'public' },
	'/t/[territory]/donnees-ouvertes/donnees.xlsx': { GET: 'public' },
	'/t/[territory]/fiche': { GET: 'public' },
	'/t/[territory]/fiche.pdf': { GET: 'public' },
	'/t/[territory]/bilan': { GET: 'report.read' },
	'/t/[territory]/bilan.pdf': { GET: 'report.read' },
	'/t/[territory]/partir': { GET: 'plan.update', actions: { default: 'plan.update' } },
	'/t/[territory]/actions': { GET: 'activity.read' },
	'/t/[territory]/actions/export.csv': { GET: 'activity.read' },
	'/t/[territory]/actions/nouvelle': { GET: 'activity.create', actions: { default: 'activity.create' } },
	'/t/[territory]/actions/importer': { GET: 'activity.create', actions: { check: 'activity.create', commit: 'activity.create' } },
	'/t/[territory]/actions/importer/envoi': { POST: 'activity.create' },
	'/t/[territory]/actions/importer/modele.xlsx': { GET: 'activity.create' },
	'/t/[territory]/actions/[id]': { GET: 'activity.read', actions: { update: 'activity.update', cancel: 'activity.cancel' } },
	'/t/[territory]/conventions': { GET: 'agreement.read' },
	'/t/[territory]/conventions/nouvelle': { GET: 'agreement.manage', actions: { default: 'agreement.manage' } },
	'/t/[territory]/conventions/[id]': { GET: 'agreement.read', actions: { update: 'agreement.manage', upload: 'agreement.manage', delete: 'agreement.manage' } },
	'/t/[territory]/conventions/[id]/pdf': { GET: 'agreement.read' },
	'/t/[territory]/jetons': { GET: 'token.manage', actions: { create: 'token.manage', revoke: 'token.manage' } },
	'/t/[territory]/journal': { GET: 'audit.read' },
	'/t/[territory]/journal/export.csv': { GET: 'audit.read' },
	'/t/[territory]/courriels': { GET: 'outbox.read', actions: { resend: 'outbox.resend' } },
	'/t/[territory]/marrainage': { GET: 'profile.own' },
	'/t/[territory]/marrainage/nouveau': { GET: 'plan.update', actions: { default: 'plan.update' } },
	'/t/[territory]/marrainage/[id]': {
		GET: 'profile.own',
		actions: { update: 'plan.update', mentorAdd: 'plan.update', mentorRemove: 'plan.update', workshop: 'plan.update', close: 'plan.update' }
	},
	'/t/[territory]/membres': { GET: 'user.manage', actions: { invite: 'user.manage', end: 'user.manage', deactivate: 'platform-admin' } },
	'/t/[territory]/intervenantes': { GET: 'user.manage', actions: { network: 'user.manage' } },
	'/t/[territory]/intervenantes/nouvelle': { GET: 'user.manage', actions: { default: 'user.manage' } },
	'/t/[territory]/intervenantes/[id]': {
		GET: 'user.manage',
		actions: {
			update: 'user.manage',
			addAvailability: 'user.manage',
			removeAvailability: 'user.manage',
			deactivate: 'user.manage',
			reactivate: 'user.manage',
			invite: 'user.manage',
			photo: 'user.manage'
		}
	},
	'/t/[territory]/mon-profil': {
		GET: 'profile.own',
		actions: {
			update: 'profile.own',
			consent: 'profile.own',
			addAvailability: 'profile.own',
			removeAvailability: 'profile.own',
			feed: 'profile.own',
			revokeFeed: 'profile.own',
			photo: 'profile.own'
		}
	},
	'/t/[territory]/calendrier': { GET: 'user.manage', actions: { feed: 'user.manage', revokeFeed: 'user.manage' } },
	'/t/[territory]/organisations/import': { GET: 'organisation.manage', actions: { default: 'organisation.manage' } },
	'/calendrier/[token].ics': { GET: 'secret-link' },
	'/t/[territory]/organisations': { GET: 'organisation.read' },
	'/t/[territory]/organisations/nouvelle': { GET: 'organisation.manage', actions: { default: 'organisation.manage' } },
	'/t/[territory]/organisations/[id]': { GET: 'organisation.read', actions: { update: 'organisation.manage', status: 'organisation.manage' } },
	'/t/[territory]/plan': {
		GET: 'plan.update',
		actions: { general: 'plan.update', add: 'plan.update', update: 'plan.update', move: 'plan.update', remove: 'plan.update', addInitiative: 'plan.update' }
	},
	'/t/[territory]/plan/initiatives/[id]': { GET: 'plan.update', actions: { default: 'plan.update' } },
	'/t/[territory]/objectifs': {
		GET: 'activity.read',
		actions: {
			addTarget: 'plan.update',
			updateTarget: 'plan.update',
			removeTarget: 'plan.update',
			addMilestone: 'plan.update',
			updateMilestone: 'plan.update',
			removeMilestone: 'plan.update'
		}
	},
	'/t/[territory]/demander': { GET: 'public', actions: { default: 'public' } },
	'/t/[territory]/demander/merci': { GET: 'public' },
	'/t/[territory]/demandes': { GET: 'request.read' },
	'/t/[territory]/demandes/[id]': {
		GET: 'request.read',
		actions: {
			qualify: 'request.manage',
			propose: 'request.manage',
			reschedule: 'request.manage',
			confirm: 'request.manage',
			complete: 'request.manage',
			decline: 'request.manage',
			cancel: 'request.manage'
		}
	},
	'/t/[territory]/mes-interventions': { GET: 'profile.own', actions: { answer: 'profile.own', report: 'profile.own' } },
	// Public list and feed; taking a place: a role model's profile of that territory (the use case: 404 without one).
	'/t/[territory]/interventions-ouvertes': { GET: 'public', actions: { take: 'profile.own', release: 'profile.own' } },
	'/t/[territory]/interventions-ouvertes.ics': { GET: 'public' },
	'/t/[territory]/mes-demandes': { GET: 'request.own' },
	'/t/[territory]/mes-demandes/[id]': { GET: 'request.own', actions: { update: 'request.own', cancel: 'request.own' } },
	'/t/[territory]/interventions/chiffres': { GET: 'request.counts' },
	'/t/[territory]/temoins': { GET: 'public' },
	'/t/[territory]/temoins/[id]': { GET: 'public' },
	'/t/[territory]/temoins/[id]/photo': { GET: 'public' },
	'/t/[territory]/metiers-formations': { GET: 'public' },
	'/t/[territory]/metiers-formations/nouvelle': { GET: 'training.manage', actions: { default: 'training.manage' } },
	'/t/[territory]/metiers-formations/[id]': { GET: 'training.manage', actions: { update: 'training.manage', delete: 'training.manage' } },
	// Video portraits: the gallery, pages and media while online; the library, consents and publication: the coordination.
	'/t/[territory]/portraits': { GET: 'public' },
	'/t/[territory]/portraits/gestion': { GET: 'portrait.manage' },
	'/t/[territory]/portraits/nouveau': { GET: 'portrait.manage', actions: { default: 'portrait.manage' } },
	'/t/[territory]/portraits/projection': { GET: 'activity.create', actions: { default: 'activity.create' } },
	'/t/[territory]/portraits/[id]': { GET: 'public' },
	'/t/[territory]/portraits/[id]/affiche': { GET: 'public' },
	'/t/[territory]/portraits/[id]/sous-titres.vtt': { GET: 'public' },
	'/t/[territory]/portraits/[id]/video': { GET: 'public', POST: 'portrait.manage' },
	'/t/[territory]/portraits/[id]/lecture': { POST: 'public' },
	'/t/[territory]/portraits/[id]/consentement.pdf': { GET: 'portrait.manage' },
	'/t/[territory]/portraits/[id]/modifier': {
		GET: 'portrait.manage',
		actions: {
			details: 'portrait.manage',
			poster: 'portrait.manage',
			captions: 'portrait.manage',
			transcript: 'portrait.manage',
			consent: 'portrait.manage',
			withdraw: 'portrait.manage',
			publish: 'portrait.manage',
			unpublish: 'portrait.manage'
		}
	},
	// The public site: the initiatives and their partners.
	'/t/[territory]/initiatives': { GET: 'public' }
};
