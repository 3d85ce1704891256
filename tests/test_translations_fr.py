"""Checks that translations/fr.json is a complete French copy of en.json."""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
import re
from typing import Any

import pytest

TRANSLATIONS = (
    Path(__file__).parent.parent / "custom_components" / "myflix" / "translations"
)
PLACEHOLDER = re.compile(r"\{(\w+)\}")
MIN_TRANSLATED = 0.9

# Product names, protocols and technical words that French keeps as in English.
IDENTICAL_ALLOWED = frozenset(
    {
        "Images",
        "Killswitch",
        "OpenVPN TCP",
        "OpenVPN UDP",
        "Radarr",
        "Sonarr",
        "Torrents",
        "Version",
        "WireGuard (NordLynx)",
    }
)

type KeyPath = tuple[str, ...]


def _leaves(node: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Yield every (key path, value) leaf of a translation tree, in file order."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    else:
        yield path, node


def _load(language: str) -> list[tuple[KeyPath, Any]]:
    """Return the leaves of translations/<language>.json."""
    text = (TRANSLATIONS / f"{language}.json").read_text(encoding="utf-8")
    return list(_leaves(json.loads(text)))


def _show(paths: list[KeyPath] | set[KeyPath]) -> str:
    """Format key paths for an assertion message."""
    return ", ".join(".".join(path) for path in sorted(paths)) or "none"


@pytest.fixture(scope="module")
def english() -> dict[KeyPath, Any]:
    """English strings by key path."""
    return dict(_load("en"))


@pytest.fixture(scope="module")
def french() -> dict[KeyPath, Any]:
    """French strings by key path."""
    return dict(_load("fr"))


def test_same_keys(english: dict[KeyPath, Any], french: dict[KeyPath, Any]) -> None:
    """fr.json has exactly the key paths of en.json."""
    missing = english.keys() - french.keys()
    extra = french.keys() - english.keys()
    assert (missing, extra) == (set(), set()), (
        f"missing in fr.json: {_show(missing)}; extra in fr.json: {_show(extra)}"
    )


def test_same_key_order() -> None:
    """fr.json lists its keys in the order of en.json."""
    english_order = [path for path, _ in _load("en")]
    french_order = [path for path, _ in _load("fr")]
    assert french_order == english_order


def test_strings_and_placeholders(
    english: dict[KeyPath, Any], french: dict[KeyPath, Any]
) -> None:
    """Every French string is non-empty and keeps the English placeholders."""
    empty = [
        path
        for path, value in french.items()
        if not isinstance(value, str) or not value.strip()
    ]
    assert not empty, f"empty or non-string values: {_show(empty)}"
    wrong = [
        path
        for path, value in english.items()
        if path in french
        and set(PLACEHOLDER.findall(value)) != set(PLACEHOLDER.findall(french[path]))
    ]
    assert not wrong, f"placeholders differ from en.json: {_show(wrong)}"


def test_mostly_translated(
    english: dict[KeyPath, Any], french: dict[KeyPath, Any]
) -> None:
    """At least 90 % of the strings differ from English, names and units aside."""
    untranslated = [
        path
        for path, value in english.items()
        if french.get(path) == value and value not in IDENTICAL_ALLOWED
    ]
    translated = len(english) - len(untranslated)
    assert translated >= MIN_TRANSLATED * len(english), (
        f"only {translated} of {len(english)} strings are translated; "
        f"identical to English: {_show(untranslated)}"
    )
