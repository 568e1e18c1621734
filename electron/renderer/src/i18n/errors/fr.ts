import type { Catalog } from '../catalog';

export const errorsFr: Catalog['errors'] = {
  network: 'Le serveur est injoignable. Vérifiez la connexion et l’adresse du serveur.',
  unknown: 'Un problème est survenu.',
  staffOnly:
    'Cette console est réservée aux comptes du personnel. Les patients utilisent l’application Queuebell.',
  browserServer: 'Dans un navigateur, la console utilise toujours le serveur qui l’a chargée.',
  wrongCredentials: 'L’adresse e-mail ou le mot de passe est incorrect.',
  server: 'Un problème est survenu sur le serveur. Réessayez dans un instant.',
  codes: {
    validation_failed: 'Certaines informations ne sont pas valides. Vérifiez-les et réessayez.',
    unauthenticated: 'Votre session a pris fin. Reconnectez-vous.',
    forbidden: 'Vous n’êtes pas autorisé à faire cela.',
    not_assigned: 'Vous n’êtes pas affecté à ce service.',
    not_found: 'Cet élément n’existe plus. La liste a été relue.',
    queue_empty: 'Personne n’attend dans cette file.',
    invalid_transition: 'Ce ticket a déjà changé d’étape et ne peut pas passer à celle-ci.',
    schedule_overlap: 'Cet horaire chevauche un autre horaire actif du service.',
    department_exists: 'Un service avec ce code existe déjà.',
    rate_limited: 'Trop de tentatives. Patientez un moment et réessayez.',
    payload_too_large: 'Trop de données à envoyer en une fois.',
  },
  fields: {
    daysOfWeek: 'Jours',
    startTime: 'Ouvre à',
    endTime: 'Ferme à',
    room: 'Salle',
    reason: 'Motif',
    note: 'Note',
    priority: 'Priorité',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
  },
  problems: {
    required: 'est obligatoire',
    time: 'doit être une heure HH:MM (00:00–23:59)',
    differsFromStart: 'doit être différente de l’heure d’ouverture',
    repeatedDay: 'ne doit pas répéter un jour',
    tooFew: 'en demande au moins un',
    invalid: 'n’est pas valide',
  },
  detail: '{{field}} : {{problem}}',
};
