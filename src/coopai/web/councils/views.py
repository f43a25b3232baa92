"""Signing in and out, and the front page."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coopai.web.access import public, signed_in

login = public(
    auth_views.LoginView.as_view(
        template_name="councils/login.html", redirect_authenticated_user=True
    )
)
logout = signed_in(require_POST(auth_views.LogoutView.as_view()))


@public
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and hasattr(request.user, "membership"):
        return redirect("register")
    return render(request, "councils/home.html")


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "councils/accessibility.html")
