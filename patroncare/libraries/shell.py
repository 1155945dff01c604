from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from patroncare.accounts import roles
from patroncare.accounts.models import Role, User
from patroncare.accounts.permissions import STAFF_ROLES, branch_ids_for
from patroncare.core.languages import language_codes, main_language, missing_versions
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.core.templatetags.language_versions import versioned

from .calendar import today_in
from .models import Branch, Closure, Holiday

CLOSURE_HORIZON_DAYS = 7


def _marked(record, field: str) -> str:
    """The library's text, escaped, and wrapped in its `lang` when it is shown in another language."""
    return conditional_escape(versioned(record, field))


def _sentence(sentence: str, **parts: str) -> str:
    """A translated sentence holding the library's texts, each marked with its language."""
    return mark_safe(conditional_escape(sentence) % parts)  # noqa: S308 - the sentence and each part escaped


def closures_ahead(user) -> list[DeskItem]:
    """Holidays and branch closures in the coming week, for the branches the user works at."""
    system = user.library_system
    today = today_in(system)
    horizon = today + timedelta(days=CLOSURE_HORIZON_DAYS)
    items = [
        DeskItem(
            title=_sentence(_("%(name)s: every branch closed"), name=_marked(holiday, "name")),
            detail=date_format(holiday.date, "DATE_FORMAT"),
            urgent=holiday.date == today,
        )
        for holiday in Holiday.objects.filter(system=system, date__range=(today, horizon))
    ]
    closures = Closure.objects.filter(
        branch__system=system, start_date__lte=horizon, end_date__gte=today
    ).select_related("branch")
    branch_ids = branch_ids_for(user, STAFF_ROLES | {Role.TRUSTEE})
    if branch_ids is not None:
        closures = closures.filter(branch_id__in=branch_ids)
    items += [
        DeskItem(
            title=_sentence(
                _("%(branch)s closed: %(reason)s"),
                branch=_marked(closure.branch, "name"),
                reason=_marked(closure, "reason"),
            ),
            detail=_closure_dates(closure),
            urgent=closure.start_date <= today,
        )
        for closure in closures
    ]
    return items


def _closure_dates(closure) -> str:
    start = date_format(closure.start_date, "DATE_FORMAT")
    if closure.end_date == closure.start_date:
        return start
    return _("%(start)s to %(end)s") % {"start": start, "end": date_format(closure.end_date, "DATE_FORMAT")}


def setup_gaps(user) -> list[DeskItem]:
    """What an administrator still has to configure before the system works well."""
    system = user.library_system
    items = []
    if system.director_id is None:
        items.append(
            DeskItem(
                title=_("No director is set"),
                url=reverse("libraries:system"),
                detail=_("Critical cases and reviews go to the director."),
            )
        )
    branches = Branch.objects.filter(system=system, is_active=True).annotate(
        hours=Count("opening_hours", distinct=True),
        places=Count("locations", filter=Q(locations__is_active=True), distinct=True),
    )
    for branch in branches:
        if not branch.hours:
            items.append(
                DeskItem(
                    title=_("%(branch)s has no opening hours") % {"branch": branch.name},
                    url=reverse("libraries:branch_edit", args=[branch.pk]),
                )
            )
        if not branch.places:
            items.append(
                DeskItem(
                    title=_("%(branch)s has no locations") % {"branch": branch.name},
                    url=reverse("libraries:branch_detail", args=[branch.pk]),
                )
            )
    without_role = User.objects.filter(library_system=system, is_active=True, role_assignments__isnull=True)
    items += [
        DeskItem(
            title=_("%(name)s has no role") % {"name": member.full_name},
            url=reverse("accounts:staff_edit", args=[member.pk]),
            detail=_("They see nothing until given one."),
        )
        for member in without_role
    ]
    return items


def versions_missing(user) -> list[DeskItem]:
    """Per module, how many things the library wrote that still lack a version in another of its languages
    (one query per kind of text)."""
    names = dict(settings.LANGUAGES)
    items = []
    for language in language_codes():
        if language == main_language():
            continue
        for text, count in missing_versions(system_id=user.library_system_id, language=language):
            items.append(
                DeskItem(
                    title=str(text.module),
                    url=reverse(text.url_name),
                    detail=ngettext(
                        "%(count)s without a version in %(language)s",
                        "%(count)s without a version in %(language)s",
                        count,
                    )
                    % {"count": count, "language": names[language]},
                )
            )
    return items


register_nav(
    NavEntry(
        key="library-settings",
        label=gettext_lazy("Library settings"),
        url_name="libraries:system",
        roles=roles.ADMINISTRATORS,
        order=900,
    ),
)
register_desk_section(
    DeskSection(
        key="closures",
        title=gettext_lazy("Closed in the coming week"),
        items_for=closures_ahead,
        order=900,
        empty_text=gettext_lazy("No holidays or closures in the coming week."),
    )
)
register_desk_section(
    DeskSection(
        key="setup",
        title=gettext_lazy("Setting up your library system"),
        items_for=setup_gaps,
        order=950,
        roles=roles.ADMINISTRATORS,
        empty_text=gettext_lazy("Everything is set up."),
        link_url_name="libraries:branch_list",
        link_label=gettext_lazy("Branches and locations"),
    )
)
register_desk_section(
    DeskSection(
        key="language-versions",
        title=gettext_lazy("Still to translate"),
        items_for=versions_missing,
        order=960,
        roles=roles.ADMINISTRATORS,
        empty_text=gettext_lazy("Everything your library wrote exists in each of its languages."),
    )
)
