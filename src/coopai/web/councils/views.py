"""Signing in and out, and the front page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coopai.web.access import member, membership_of, methods, public, signed_in
from coopai.web.councils import forms, services
from coopai.web.councils.models import AccessibilityStatement, Role


class _LoginView(auth_views.LoginView):
    """Django's sign-in, answering 400 when it shows errors, as every form page does."""

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


login = public(
    methods("GET", "POST")(
        _LoginView.as_view(template_name="councils/login.html", redirect_authenticated_user=True)
    )
)
logout = signed_in(methods("POST")(auth_views.LogoutView.as_view()))


@public
@methods("GET")
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and hasattr(request.user, "membership"):
        return redirect("register")
    return render(request, "councils/home.html")


@public
@methods("GET")
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "councils/accessibility.html")


@member(Role.ADMINISTRATOR)
@methods("GET", "POST")
def council_settings(request: HttpRequest) -> HttpResponse:
    council = membership_of(request).council
    statement = AccessibilityStatement.objects.filter(council=council).first()
    posted = request.POST if request.method == "POST" else None
    reviewers = council.memberships.filter(role__in=[Role.REVIEWER, Role.ADMINISTRATOR]).count()
    form = forms.CouncilSettingsForm(
        posted, instance=council, prefix="council", reviewers=reviewers
    )
    statement_form = forms.AccessibilityStatementForm(
        posted, instance=statement or AccessibilityStatement(council=council), prefix="statement"
    )
    if posted is not None and form.is_valid() and statement_form.is_valid():
        data = form.cleaned_data
        services.council_settings_update(
            council=council,
            quorum=data["review_quorum"],
            region=data.get("region") or "",
            website=data.get("website") or "",
            contact_email=data.get("contact_email") or "",
            statement={
                key: statement_form.cleaned_data[key]
                for key in forms.AccessibilityStatementForm.Meta.fields
            },
        )
        messages.success(request, "Settings saved")
        return redirect("council_settings")
    return render(
        request,
        "councils/settings.html",
        {
            "form": form,
            "statement_form": statement_form,
            "council": council,
            "reviewers": reviewers,
            "active": "settings",
        },
        status=400 if form.errors or statement_form.errors else 200,
    )
