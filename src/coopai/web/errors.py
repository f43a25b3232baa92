"""Error pages in the service's own layout."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopai.web.proposals.services import ProposalFrozenError


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


class FrozenProposalMiddleware:
    """A change to a frozen proposal gets a page saying why, and what would allow it
    (409 Conflict: the request was fine, the proposal's stage does not allow it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ProposalFrozenError):
            return None
        return render(
            request,
            "errors/frozen.html",
            {"proposal": exception.proposal, "reason": str(exception)},
            status=409,
        )
