"""Who may talk to the WebUI: Host/CSRF checks, cookie login, sessions, IP bans.

As in 4.5.2: a wrong Host port or a foreign Origin/Referer gets 401, no
session gets 403, and too many failed logins ban the IP for a while. A login
answers ``200 Ok.`` / ``200 Fails.`` with cookie ``SID`` up to 5.1; from 5.2
(measured on 5.3.0) ``204`` (empty) / ``401 Unauthorized`` with cookie
``QBT_SID_<port>`` (``SameSite=Lax`` and an expiry).
"""

from __future__ import annotations

from dataclasses import dataclass
import secrets
import string
import time
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from .api import TEXT_TYPE, ApiError, Call, Reply, Routes, no_content

BANNED_TEXT = (
    "Your IP address has been banned after too many failed authentication attempts."
)
_SID_ALPHABET = string.ascii_letters + string.digits + "+/"


@dataclass(slots=True)
class Session:
    """One login (one SID cookie) and its ``sync/maindata`` bookkeeping."""

    sid: str
    last_seen: float
    last_rid: int = 0
    last_data: dict[str, Any] | None = None
    accepted_rid: int = 0
    accepted_data: dict[str, Any] | None = None


def _host_port(value: str, scheme: str = "http") -> tuple[str, int] | None:
    parts = urlsplit(value if "//" in value else f"{scheme}://{value}")
    try:
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.hostname.lower(), port or (443 if parts.scheme == "https" else 80)


def request_allowed(request: web.Request) -> bool:
    """Host header validation and the CSRF Origin/Referer rule (401 otherwise)."""
    host = _host_port(request.host)
    sockname = (
        request.transport.get_extra_info("sockname") if request.transport else None
    )
    if host is None:
        return False
    if sockname and ":" in request.host and host[1] != sockname[1]:
        return False
    target = request.headers.get("Origin") or request.headers.get("Referer")
    if not target:
        return True
    forwarded = request.headers.get("X-Forwarded-Host")
    expected = _host_port(forwarded) if forwarded else host
    return _host_port(target) == expected


def _cookie_date(when: float) -> str:
    """Qt's cookie date: ``Sun, 06-Dec-2026 23:46:37 GMT``."""
    return time.strftime("%a, %d-%b-%Y %H:%M:%S GMT", time.gmtime(when))


class AuthMixin:
    """Login, logout and session lookup of ``QbittorrentSimulator``."""

    # Set by ``QbittorrentSimulator.__init__``.
    username: str
    password: str
    max_auth_failures: int
    ban_duration: float
    session_timeout: float
    cookie_name: str | None
    v52: bool
    login_count: int
    _sessions: dict[str, Session]
    _failed_logins: dict[str, int]
    _bans: dict[str, float]

    def _auth_routes(self) -> Routes:
        return Routes(post={"auth/login": self._login, "auth/logout": self._logout})

    def session_cookie(self, request: web.Request) -> str:
        """Return the session cookie's name: ``SID``, or ``QBT_SID_<port>`` from 5.2."""
        if self.cookie_name is not None:
            return self.cookie_name
        if not self.v52:
            return "SID"
        sockname = (
            request.transport.get_extra_info("sockname") if request.transport else None
        )
        port = sockname[1] if sockname else request.url.port
        return f"QBT_SID_{port}"

    def _session_for(self, request: web.Request) -> Session | None:
        sid = request.cookies.get(self.session_cookie(request))
        session = self._sessions.get(sid) if sid else None
        now = time.monotonic()
        if session is not None and now - session.last_seen > self.session_timeout:
            del self._sessions[session.sid]
            return None
        if session is not None:
            session.last_seen = now
        return session

    async def _login(self, call: Call) -> Reply:
        if call.session is not None:  # checked before the ban, as in 4.5.2
            return no_content() if self.v52 else "Ok."
        ip = call.request.remote or "?"
        if self._bans.get(ip, 0.0) > time.monotonic():
            raise ApiError(403, BANNED_TEXT)
        username, password = call.params.get("username"), call.params.get("password")
        if username == self.username and password == self.password:
            return self._start_session(ip, self.session_cookie(call.request))
        failures = self._failed_logins.get(ip, 0) + 1
        self._failed_logins[ip] = failures
        if 0 < self.max_auth_failures <= failures:
            self._bans[ip] = time.monotonic() + self.ban_duration
            self._failed_logins.pop(ip, None)
        if self.v52:
            raise ApiError(401, "Unauthorized")
        return "Fails."

    def _start_session(self, ip: str, name: str) -> web.Response:
        self._failed_logins.pop(ip, None)
        sid = "".join(secrets.choice(_SID_ALPHABET) for _ in range(32))
        self._sessions[sid] = Session(sid, time.monotonic())
        self.login_count += 1
        if self.v52:
            expires = _cookie_date(time.time() + self.session_timeout)
            cookie = f"{name}={sid}; HttpOnly; SameSite=Lax; expires={expires}; path=/"
            response = no_content()
            response.headers["Set-Cookie"] = cookie
            return response
        cookie = f"{name}={sid}; HttpOnly; path=/; SameSite=Strict"
        return web.Response(
            body=b"Ok.", headers={"Content-Type": TEXT_TYPE, "Set-Cookie": cookie}
        )

    async def _logout(self, call: Call) -> Reply:
        if call.session is not None:
            self._sessions.pop(call.session.sid, None)
        # Both versions expire the cookie (a date one day back).
        name = self.session_cookie(call.request)
        expired = _cookie_date(time.time() - 86400)
        return web.Response(
            headers={
                "Content-Type": TEXT_TYPE,
                "Set-Cookie": f"{name}=; expires={expired}; path=/",
            }
        )

    def expire_sessions(self) -> None:
        """Forget every session, as after a restart or an idle timeout."""
        self._sessions.clear()

    def unban(self) -> None:
        """Lift every IP ban and forget failed logins."""
        self._bans.clear()
        self._failed_logins.clear()
