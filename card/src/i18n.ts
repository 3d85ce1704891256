// Every string the card shows, in English and French, and the words for the
// server's state keys. Pure: the Node tests import it.

import type { QueueRow, ReleaseKind } from "./protocol";

export type Lang = "en" | "fr";

const en = {
  queue: "Queue",
  upcoming: "Coming up",
  vpn: "VPN",
  storage: "Storage",
  loading: "Loading…",
  subscribe_failed: "Myflix is unavailable: {message}",
  call_failed: "Failed: {message}",
  nothing_downloading: "Nothing downloading",
  nothing_upcoming: "Nothing in the next {days} days",
  nothing_upcoming_one: "Nothing in the next day",
  more_rows: "+ {count} more",
  pause: "Pause",
  resume: "Resume",
  remove: "Remove",
  cancel: "Cancel",
  confirm_remove: "Remove {title} and its files?",
  left: "{time} left",
  today: "Today",
  tomorrow: "Tomorrow",
  in_library: "In library",
  downloaded: "Downloaded",
  killswitch: "Killswitch",
  exit_country: "Exit country",
  connectable: "Connectable",
  yes: "Yes",
  no: "No",
  unknown: "Unknown",
  last_halt: "Last halt",
  never: "Never",
  latency: "{ms} ms",
  no_vpn: "No VPN data",
  hot_disk: "Hot disk",
  archive_disk: "Archive disk",
  disk_usage: "{used} of {total} ({percent})",
  disk_free: "{free} free",
  next_move: "Next move:",
  next_move_size: "{files} files, {bytes}",
  next_move_size_one: "1 file, {bytes}",
  next_move_at: "at {when}",
  next_move_when_full: "when the hot disk fills",
  nothing_to_move: "Nothing to move",
  not_planned: "not planned yet",
  next_look_at: "next look {when}",
  no_storage: "No storage data",
  // Queue states
  state_downloading: "Downloading",
  state_stalled: "Stalled",
  state_metadata: "Fetching metadata",
  state_queued: "Queued",
  state_checking: "Checking",
  state_stopped: "Stopped",
  state_halted: "Halted by the killswitch",
  state_struck: "Struck by self-healing ({strikes} of {limit})",
  state_struck_unlimited: "Struck by self-healing ({strikes})",
  state_error: "Error",
  state_missing_files: "Files missing",
  state_moving: "Moving",
  state_importing: "Importing",
  state_seeding: "Seeding",
  state_unknown: "Unknown",
  // Release kinds
  release_cinema: "In cinemas",
  release_digital: "Digital",
  release_physical: "Physical",
  // Killswitch states
  killswitch_armed: "Armed",
  killswitch_tripped: "Tripped: downloads halted",
  killswitch_fail_closed: "Failed closed: downloads halted",
  killswitch_disarmed: "Disarmed",
  // Why a port is (not) connectable
  connectability_connectable: "Port forwarded and open",
  connectability_not_listening: "qBittorrent is not listening on the port",
  connectability_provider_unknown: "VPN provider unknown",
  connectability_provider_cannot_forward: "The VPN provider cannot forward a port",
  connectability_forwarding_off: "Port forwarding is off",
  connectability_no_forwarded_port: "No port forwarded yet",
  connectability_port_not_applied: "Forwarded port not applied to qBittorrent",
  connectability_firewalled: "Firewalled",
  // Editor labels
  editor_title: "Title",
  editor_entry_id: "Myflix entry",
  editor_days: "Days ahead (1 to 30)",
  editor_queue: "Show the queue",
  editor_upcoming: "Show what's coming up",
  editor_vpn: "Show the VPN",
  editor_storage: "Show the storage",
  editor_max_rows: "Queue rows at most (0: all)",
  card_description: "Downloads, releases to come, the VPN and storage of Myflix, live.",
};

export type StringKey = keyof typeof en;

const fr: Record<StringKey, string> = {
  queue: "File d'attente",
  upcoming: "À venir",
  vpn: "VPN",
  storage: "Stockage",
  loading: "Chargement…",
  subscribe_failed: "Myflix est indisponible : {message}",
  call_failed: "Échec : {message}",
  nothing_downloading: "Aucun téléchargement",
  nothing_upcoming: "Rien dans les {days} prochains jours",
  nothing_upcoming_one: "Rien d'ici demain",
  more_rows: "+ {count} de plus",
  pause: "Pause",
  resume: "Reprendre",
  remove: "Supprimer",
  cancel: "Annuler",
  confirm_remove: "Supprimer {title} et ses fichiers ?",
  left: "encore {time}",
  today: "Aujourd'hui",
  tomorrow: "Demain",
  in_library: "Dans la bibliothèque",
  downloaded: "Téléchargé",
  killswitch: "Coupe-circuit",
  exit_country: "Pays de sortie",
  connectable: "Joignable",
  yes: "Oui",
  no: "Non",
  unknown: "Inconnu",
  last_halt: "Dernier arrêt",
  never: "Jamais",
  latency: "{ms} ms",
  no_vpn: "Aucune donnée VPN",
  hot_disk: "Disque rapide",
  archive_disk: "Disque d'archive",
  disk_usage: "{used} sur {total} ({percent})",
  disk_free: "{free} libres",
  next_move: "Prochain déplacement :",
  next_move_size: "{files} fichiers, {bytes}",
  next_move_size_one: "1 fichier, {bytes}",
  next_move_at: "le {when}",
  next_move_when_full: "quand le disque rapide sera plein",
  nothing_to_move: "Rien à déplacer",
  not_planned: "pas encore planifié",
  next_look_at: "prochain examen {when}",
  no_storage: "Aucune donnée de stockage",
  state_downloading: "Téléchargement",
  state_stalled: "Bloqué",
  state_metadata: "Récupération des métadonnées",
  state_queued: "En attente",
  state_checking: "Vérification",
  state_stopped: "Arrêté",
  state_halted: "Arrêté par le coupe-circuit",
  state_struck: "Sanctionné par l'autoréparation ({strikes} sur {limit})",
  state_struck_unlimited: "Sanctionné par l'autoréparation ({strikes})",
  state_error: "Erreur",
  state_missing_files: "Fichiers manquants",
  state_moving: "Déplacement",
  state_importing: "Importation",
  state_seeding: "Partage",
  state_unknown: "Inconnu",
  release_cinema: "Au cinéma",
  release_digital: "Numérique",
  release_physical: "Physique",
  killswitch_armed: "Armé",
  killswitch_tripped: "Déclenché : téléchargements arrêtés",
  killswitch_fail_closed: "Fermé par sécurité : téléchargements arrêtés",
  killswitch_disarmed: "Désarmé",
  connectability_connectable: "Port redirigé et ouvert",
  connectability_not_listening: "qBittorrent n'écoute pas sur le port",
  connectability_provider_unknown: "Fournisseur VPN inconnu",
  connectability_provider_cannot_forward: "Le fournisseur VPN ne peut pas rediriger de port",
  connectability_forwarding_off: "La redirection de port est désactivée",
  connectability_no_forwarded_port: "Aucun port redirigé pour l'instant",
  connectability_port_not_applied: "Port redirigé non appliqué à qBittorrent",
  connectability_firewalled: "Derrière un pare-feu",
  editor_title: "Titre",
  editor_entry_id: "Entrée Myflix",
  editor_days: "Jours à venir (1 à 30)",
  editor_queue: "Afficher la file d'attente",
  editor_upcoming: "Afficher ce qui arrive",
  editor_vpn: "Afficher le VPN",
  editor_storage: "Afficher le stockage",
  editor_max_rows: "Lignes de la file au plus (0 : toutes)",
  card_description: "Téléchargements, sorties à venir, VPN et stockage de Myflix, en direct.",
};

export const STRINGS: Record<Lang, Record<StringKey, string>> = { en, fr };

export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/** French for any "fr…" language tag, English otherwise. */
export function pickLang(language: string | undefined | null): Lang {
  return typeof language === "string" && language.toLowerCase().startsWith("fr") ? "fr" : "en";
}

const translators = new Map<Lang, Translate>();

export function translator(lang: Lang): Translate {
  let translate = translators.get(lang);
  if (!translate) {
    const strings = STRINGS[lang];
    translate = (key, params) =>
      strings[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        params && name in params ? String(params[name]) : whole,
      );
    translators.set(lang, translate);
  }
  return translate;
}

/** Words for a server key with a known translation, else the key itself. */
function wordsFor(t: Translate, lang: Lang, prefix: string, key: string): string {
  const full = `${prefix}_${key}`;
  return full in STRINGS[lang] ? t(full as StringKey) : key;
}

/** A queue row's state in words; unknown keys are shown raw. */
export function stateWords(
  row: Pick<QueueRow, "state" | "strikes" | "strike_limit">,
  lang: Lang,
): string {
  const t = translator(lang);
  if (row.state === "struck") {
    return row.strike_limit == null
      ? t("state_struck_unlimited", { strikes: row.strikes })
      : t("state_struck", { strikes: row.strikes, limit: row.strike_limit });
  }
  return wordsFor(t, lang, "state", row.state);
}

export function releaseKindWords(kind: ReleaseKind | null, lang: Lang): string {
  return kind ? wordsFor(translator(lang), lang, "release", kind) : "";
}

export function killswitchWords(state: string | null, lang: Lang): string {
  return state ? wordsFor(translator(lang), lang, "killswitch", state) : translator(lang)("unknown");
}

export function connectabilityWords(reason: string | null, lang: Lang): string {
  return reason
    ? wordsFor(translator(lang), lang, "connectability", reason)
    : translator(lang)("unknown");
}
