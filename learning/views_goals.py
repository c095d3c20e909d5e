"""The goal pages under /mal/: a respondent's agencies' goals with a form to set, change
or delete one, and the office's table of every agency's goals. Thin: parse the form,
look the agency up through the permission check, call the services, render.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.selectors import access_agency, agencies_for_user, user_is_office
from accounts.views import office_required
from keyfigures.registry import KEY_FIGURES
from learning import selectors, services
from register.models import Agency

NOTICE_KEY = "learning_goal_notice"


def _figure_choices() -> list[tuple[str, str]]:
    from public.templatetags.uppfoljning import figure_name

    return [(figure.slug, figure_name(figure)) for figure in KEY_FIGURES]


class GoalForm(forms.Form):
    agency = forms.TypedChoiceField(label=gettext_lazy("Myndighet"), coerce=int)
    figure = forms.ChoiceField(label=gettext_lazy("Nyckeltal"))
    value = forms.DecimalField(
        label=gettext_lazy("Målvärde"),
        help_text=gettext_lazy(
            "I procent för andelarna, i antal e-order per 100 ÅA för e-order. "
            "Till exempel 95 eller 95,5."
        ),
        max_digits=12,
        decimal_places=2,
        localize=True,
        error_messages={"invalid": gettext_lazy("Skriv målvärdet som ett tal, till exempel 95.")},
    )
    year = forms.IntegerField(
        label=gettext_lazy("Målår"),
        error_messages={"invalid": gettext_lazy("Skriv målåret med fyra siffror.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Kommentar (valfri)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.TypedChoiceField)
        agency_field.choices = [(a.pk, a.name) for a in agencies]
        figure_field = self.fields["figure"]
        assert isinstance(figure_field, forms.ChoiceField)
        figure_field.choices = _figure_choices()

    def mark_errors(self) -> None:
        """Tie each field to its hint and error message for screen readers."""
        errors = self.errors if self.is_bound else {}
        for name, field in self.fields.items():
            described = [f"id_{name}_helptext"] if field.help_text else []
            if name in errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"id_{name}_error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


def _private(response: HttpResponse) -> HttpResponse:
    """Logged-in pages: never cached."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def goal_list(request: HttpRequest) -> HttpResponse:
    agencies = list(agencies_for_user(user=request.user))
    status = 200
    if request.method == "POST":
        form = GoalForm(request.POST, agencies=agencies)
        if form.is_valid():
            data = form.cleaned_data
            agency = access_agency(user=request.user, agency_id=data["agency"])
            try:
                services.goal_set(
                    user=request.user,
                    agency=agency,
                    figure=data["figure"],
                    value=Decimal(data["value"]),
                    year=data["year"],
                    note=data["note"],
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        form.add_error(field if field in form.fields else None, message)
            else:
                request.session[NOTICE_KEY] = "saved"
                return redirect(request.path)
        status = 400
    else:
        form = GoalForm(
            agencies=agencies,
            initial={"year": selectors.goal_min_year() + 1, "figure": KEY_FIGURES[0].slug},
        )
    return _render_list(request, agencies, form, status)


def _render_list(
    request: HttpRequest, agencies: list[Agency], form: GoalForm, status: int = 200
) -> HttpResponse:
    errors = [
        (f"id_{name}" if name != "__all__" else "id_agency", message)
        for name, messages in form.errors.items()
        for message in messages
    ]
    form.mark_errors()
    goals = selectors.goal_list(agencies=agencies)
    return _private(
        render(
            request,
            "learning/goals/goal_list.html",
            {
                "form": form,
                "errors": errors,
                "goals": goals,
                "has_agencies": bool(agencies),
                "is_office": user_is_office(request.user),
                "notice": request.session.pop(NOTICE_KEY, None),
            },
            status=status,
        )
    )


@require_POST
@login_required
def goal_delete(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = selectors.goal_get(goal_id=goal_id)
    if goal is None:
        raise Http404
    services.goal_delete(user=request.user, goal=goal)
    request.session[NOTICE_KEY] = "deleted"
    return redirect("learning:goal-list")


@require_safe
@office_required
def goal_list_all(request: HttpRequest) -> HttpResponse:
    return _private(
        render(
            request,
            "learning/goals/goal_list_all.html",
            {"goals": selectors.goal_list(), "title": _("Alla myndigheters mål")},
        )
    )
