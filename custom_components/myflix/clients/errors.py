"""One exception tree for every Myflix client.

The HA glue catches in the order auth -> connection -> base, so each level
below is a subclass of ``MyflixError`` and nothing escapes the root.
"""

from __future__ import annotations


class MyflixError(Exception):
    """Base of every error raised by a Myflix client."""


class MyflixConnectionError(MyflixError):
    """The backend could not be reached (refused, DNS, reset)."""


class MyflixTimeoutError(MyflixConnectionError):
    """The backend did not answer within the request timeout."""


class MyflixTLSError(MyflixConnectionError):
    """The TLS handshake failed (bad certificate, wrong protocol)."""


class MyflixAuthenticationError(MyflixError):
    """The backend refused our credentials (API key, password)."""


class MyflixBannedError(MyflixAuthenticationError):
    """The backend banned our IP after too many failed logins."""


class MyflixResponseError(MyflixError):
    """The backend answered something we cannot use (non-JSON, truncated, wrong shape)."""


class MyflixServerError(MyflixResponseError):
    """The backend answered with a 5xx status."""

    def __init__(self, status: int, message: str) -> None:
        """Keep the HTTP status for callers that branch on it."""
        super().__init__(f"HTTP {status}: {message}")
        self.status = status


class MyflixNotFoundError(MyflixError):
    """The requested resource does not exist (HTTP 404)."""


class MyflixValidationError(MyflixError):
    """The backend rejected our input (HTTP 400 / 409 / 415) with a reason."""

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        """Keep the individual validation messages."""
        super().__init__(message)
        self.errors = errors or []
