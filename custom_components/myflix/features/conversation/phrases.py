"""Spoken answers of the intents, in English and French.

HA's translation files follow the system language; a spoken answer follows the
language of the conversation, so these few phrases live here.
"""

from __future__ import annotations

from collections.abc import Sequence

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "queue": "{count} in the queue: {items}.",
        "queue_empty": "The queue is empty.",
        "downloading": "{count} downloading: {items}.",
        "downloading_none": "Nothing is downloading.",
        "stalled": "{count} stalled: {items}.",
        "stalled_none": "Nothing is stalled.",
        "paused": "Paused {count} downloads.",
        "resumed": "Resumed {count} downloads.",
        "vpn": "The VPN is {tunnel} through {server}.",
        "vpn_killswitch": "The VPN is {tunnel} through {server}; the killswitch is {killswitch}.",
        "today": "Today: {items}.",
        "today_none": "Nothing is coming today.",
        "more": "and {count} more",
        "failed": "Myflix could not answer: {error}",
        "add_done": "Added {title}; searching for it now.",
        "add_already": "{title} is already in the library.",
        "add_not_found": "I found nothing called {title}.",
        "add_choose": "I found {items}. Which one? Say its full title.",
        "add_no_title": "Which title should I add?",
        "space": "Free space: {items}.",
        "space_none": "No disk reports its free space.",
        "why": "On {when}, Myflix {what} {title}: {reason}.",
        "why_none": "Myflix has no record of {title}: it did not remove or change it.",
        "why_no_title": "Which title do you mean?",
        "what_healing_replaced": "replaced",
        "what_healing_strike": "gave a strike to",
        "what_share_downloaded": "served a share download of",
        "what_vpn_rotated": "moved the VPN to",
        "what_other": "changed",
    },
    "fr": {
        "queue": "{count} dans la file : {items}.",
        "queue_empty": "La file est vide.",
        "downloading": "{count} en téléchargement : {items}.",
        "downloading_none": "Rien n'est en téléchargement.",
        "stalled": "Bloqués ({count}) : {items}.",
        "stalled_none": "Rien n'est bloqué.",
        "paused": "{count} téléchargements mis en pause.",
        "resumed": "{count} téléchargements relancés.",
        "vpn": "Le VPN est {tunnel} via {server}.",
        "vpn_killswitch": "Le VPN est {tunnel} via {server} ; le killswitch est {killswitch}.",
        "today": "Aujourd'hui : {items}.",
        "today_none": "Rien de prévu aujourd'hui.",
        "more": "et {count} autres",
        "failed": "Myflix n'a pas pu répondre : {error}",
        "add_done": "{title} est ajouté ; je le cherche maintenant.",
        "add_already": "{title} est déjà dans la bibliothèque.",
        "add_not_found": "Je n'ai rien trouvé qui s'appelle {title}.",
        "add_choose": "J'ai trouvé {items}. Lequel ? Dites son titre complet.",
        "add_no_title": "Quel titre dois-je ajouter ?",
        "space": "Espace libre : {items}.",
        "space_none": "Aucun disque n'indique son espace libre.",
        "why": "Le {when}, Myflix a {what} {title} : {reason}.",
        "why_none": "Myflix n'a rien noté sur {title} : il ne l'a ni supprimé ni modifié.",
        "why_no_title": "De quel titre parlez-vous ?",
        "what_healing_replaced": "remplacé",
        "what_healing_strike": "donné un avertissement à",
        "what_share_downloaded": "servi un téléchargement partagé de",
        "what_vpn_rotated": "déplacé le VPN vers",
        "what_other": "modifié",
    },
}

# States spoken in French; English speaks the values as they are.
WORDS_FR = {
    "running": "actif",
    "starting": "en démarrage",
    "stopping": "en arrêt",
    "stopped": "arrêté",
    "crashed": "en panne",
    "unknown": "inconnu",
    "armed": "armé",
    "disarmed": "désarmé",
    "tripped": "déclenché",
    "fail_closed": "bloqué par sécurité",
    "stalled": "bloqué",
    "metadata": "métadonnées introuvables",
    "slow": "trop lent",
    "failed": "en échec",
    "link_used": "lien utilisé",
}


def language_of(language: str | None) -> str:
    """Pick the phrasebook of a language (``fr-CA`` -> ``fr``), English else."""
    base = (language or "en").split("-")[0].split("_")[0].lower()
    return base if base in PHRASES else "en"


def phrase(language: str | None, key: str, **values: object) -> str:
    """Say ``key`` in ``language``."""
    return PHRASES[language_of(language)][key].format(**values)


def word(language: str | None, value: str) -> str:
    """Say a state word in ``language``."""
    if language_of(language) == "fr":
        return WORDS_FR.get(value, value)
    return value.replace("_", " ")


def listing(
    language: str | None, items: Sequence[str], total: int, shown: int = 3
) -> str:
    """Say the first ``shown`` items, then how many more there are."""
    spoken = ", ".join(items[:shown])
    if (more := total - min(len(items), shown)) > 0:
        spoken += ", " + phrase(language, "more", count=more)
    return spoken


# Decimal units, as disks are sold and file managers show them.
_SIZE_UNITS = {"en": ("GB", "TB"), "fr": ("Go", "To")}


def size(language: str | None, size_bytes: int) -> str:
    """Say a size in GB (TB from 1000 GB), one decimal, the language's way."""
    lang = language_of(language)
    giga, tera = _SIZE_UNITS[lang]
    value, unit = size_bytes / 1e9, giga
    if value >= 1000:
        value, unit = value / 1000, tera
    number = f"{value:.1f}"
    return f"{number.replace('.', ',') if lang == 'fr' else number} {unit}"
