"""The base of the models: each field names its JSON key and its converter."""

# ``from_dict`` tolerates unknown and missing fields (the servers leave out
# null values): only the identity field of each model is required; a payload
# that is not an object, or lacks that field, raises ``MyflixResponseError``.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any, Self

from custom_components.myflix.clients.errors import MyflixResponseError

type Converter = Callable[[Any], Any]


def from_json(key: str, conv: Converter) -> dict[str, Any]:
    """Field metadata: the JSON ``key`` (dotted for nested values) and its converter."""
    return {"key": key, "conv": conv}


def _dig(obj: dict[str, Any], key: str) -> Any:
    value: Any = obj
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


class ArrModel:
    """Base of the models: the metadata-driven ``from_dict``."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """Build from an API payload; ``MyflixResponseError`` on a wrong shape."""
        name = cls.__name__
        if not isinstance(data, dict):
            raise MyflixResponseError(
                f"{name}: expected an object, got {type(data).__name__}"
            )
        kwargs: dict[str, Any] = {}
        for fld in fields(cls):  # type: ignore[arg-type]
            if fld.name == "raw":  # the whole payload, to send back when adding
                kwargs["raw"] = dict(data)
                continue
            value = fld.metadata["conv"](_dig(data, fld.metadata["key"]))
            if value is not None:
                kwargs[fld.name] = value
            elif fld.default is MISSING:
                raise MyflixResponseError(
                    f"{name}: missing or invalid '{fld.metadata['key']}'"
                )
        return cls(**kwargs)
