"""Where the current request comes from, so services can audit without passing the request around."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    ip_address: str | None
    user_agent: str


_origin: ContextVar[RequestOrigin | None] = ContextVar("audit_request_origin", default=None)


def set_origin(origin: RequestOrigin | None):
    return _origin.set(origin)


def reset_origin(token) -> None:
    _origin.reset(token)


def current_origin() -> RequestOrigin | None:
    return _origin.get()
