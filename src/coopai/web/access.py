"""Who may use which view, and with which methods. Every view declares both; a test
fails if one does not.

Rules: `public` (anyone), `signed_in` (any signed-in person), `member(*roles)` (a
member of a council, with one of these roles when roles are given). A member's
request carries `request.membership`. Objects of another council are answered with
404, not 403, so nobody can learn what another council holds.

Methods: `@methods("GET")`, `@methods("POST")` or both. A route whose GET and POST
need different people is two routes (one URL per action), so each POST route declares
its own rule.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_http_methods

from coopai.web.councils.models import Membership, Role

View = TypeVar("View", bound=Callable[..., HttpResponseBase])

EDITORS = (Role.ADMINISTRATOR, Role.PROPOSER)
REVIEWERS = (Role.ADMINISTRATOR, Role.REVIEWER)


def _declare(view: Any, rule: str) -> None:
    view.access_rule = rule


def public(view: View) -> View:
    _declare(view, "public")
    return view


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    _declare(wrapper, "signed_in")
    return wrapper  # type: ignore[return-value]  # same signature as the view


def member(*roles: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = (
                Membership.objects.select_related("council").filter(user=request.user).first()
            )
            if membership is None or (roles and membership.role not in roles):
                raise PermissionDenied
            request.membership = membership  # type: ignore[attr-defined]  # set for the view
            return view(request, *args, **kwargs)

        _declare(wrapper, f"member({', '.join(roles) or 'any role'})")
        return wrapper  # type: ignore[return-value]  # same signature as the view

    return decorate


def methods(*allowed: str) -> Callable[[View], View]:
    """Answer only these HTTP methods (405 for others), and declare them for the tests."""

    def decorate(view: View) -> View:
        wrapped: Any = require_http_methods(list(allowed))(view)
        wrapped.allowed_methods = tuple(allowed)
        return wrapped  # type: ignore[no-any-return]  # the same view, restricted

    return decorate


def user_of(request: HttpRequest) -> User:
    """The signed-in person, in a view that an access rule has already checked."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def membership_of(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined,no-any-return]  # set by member()
