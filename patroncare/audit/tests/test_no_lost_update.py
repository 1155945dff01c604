"""No lost update: a save made from a page opened before a colleague's save is refused, and nothing is lost.

The edit forms are discovered, not listed. Every URL with a GET handler is fetched as each role, in the
system of the read-audit tests plus one of each configuration record; while the page is built, every form
the view makes is noted. A form edits an existing record when it is a model form of a saved record, carries
a version, or starts from values (its `initial`) that are not a create form's defaults (those are named in
CREATE_FORMS with the reason). For each edit form shown on a page, as the first role that sees it:

- the page is opened twice (two tabs), the first tab changes one field and saves;
- the second tab changes the same field to something else and saves: it must be refused with the
  stale-edit message, the value typed in the second tab must still be in the re-rendered form, and the
  page opened afresh must show the first tab's value (what is stored).

A new edit form without a version fails here (its page has no version field to send, so the second save
wins), until it carries one like the others.
"""

import itertools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django import forms
from django.forms.formsets import ManagementForm
from django.forms.models import BaseModelForm
from django.urls import reverse

from patroncare.complaints.tests.factories import CategoryFactory
from patroncare.conduct.tests.factories import BehaviourClassFactory, LadderStepFactory
from patroncare.guidance.tests.factories import PlaybookFactory, PlaybookTextFactory
from patroncare.incidents.models import CheckIn
from patroncare.libraries.defaults import install_system_defaults
from patroncare.libraries.models import Location
from patroncare.policies.tests.factories import PolicyFactory, PolicyReviewFactory

from .test_read_audit import GET_URLS, KWARGS, ROLES_TRIED

pytestmark = [pytest.mark.django_db, pytest.mark.once]

STALE = "Someone else saved this record while you were editing it."
# A decision made in the first tab: the second tab is told who decided (core.decisions).
ALREADY_DECIDED = re.compile(r"(was already decided|was decided) by ")

# The edit pages of configuration records, which the read-audit walk does not open.
EDIT_KWARGS = {
    **KWARGS,
    "complaints:category_edit": lambda p: {"pk": p.extra["category"].pk},
    "complaints:reply_template_edit": lambda p: {"pk": p.extra["reply_template"].pk},
    "conduct:rule_edit": lambda p: {"pk": p.incident.rules.first().pk},
    "conduct:ladder_step_edit": lambda p: {"pk": p.extra["ladder_step"].pk},
    "conduct:class_edit": lambda p: {"pk": p.extra["behaviour_class"].pk},
    "conduct:authority_group_edit": lambda p: {"pk": p.extra["authority_group"].pk},
    "guidance:playbook": lambda p: {"slug": p.extra["playbook"].slug},
    "guidance:edit": lambda p: {"slug": p.extra["playbook"].slug},
    "guidance:settings": lambda p: {"slug": p.extra["playbook"].slug},
    "guidance:phrase_language": lambda p: {"pk": p.extra["phrase_language"].pk},
    "incidents:checkin": lambda p: {"pk": p.extra["checkin"].pk},
    "libraries:branch_detail": lambda p: {"pk": p.world.branch.pk},
    "libraries:branch_edit": lambda p: {"pk": p.world.branch.pk},
    "libraries:location_edit": lambda p: {"pk": p.world.branch.pk, "location_pk": p.extra["location"].pk},
    "policies:detail": lambda p: {"pk": p.exception.policy_id},
    "policies:edit": lambda p: {"pk": p.exception.policy_id},
    "policies:review_detail": lambda p: {"pk": p.extra["policy_review"].pk},
}

# Forms that start from values without editing a record: defaults of a create form, a filter, a choice.
CREATE_FORMS = {
    "DeskComplaintForm": "records a new complaint; the branch and the date start from the desk's own",
    "PublicFeedbackForm": "a patron's new feedback; the branch starts from the link followed",
    "DeliveryForm": "records one more delivery of a letter; the date starts from today",
    "ReviewForm": "records a new review of an exclusion; the date starts from today",
    "ExceptionForm": "records a new exception; the branch starts from the staff member's",
    "ReferralForm": "records a new referral; the branch starts from the staff member's",
    "BoardReportCreateForm": "starts a new board report; the period starts from the last one",
    "RightsRequestForm": "records a new request; the date starts from today",
    "ScenarioTextForm": "a new scenario starts from a template text",
    "DayHoursForm": "the rows of the branch form, which carries the branch's version",
    "RoleRowForm": "the rows of the staff form, which carries the member's version",
    "WalkStartForm": "starts a new walk-through; the branch and the day start from the supervisor's own",
    "CheckPointCreateForm": "adds a new point to a checklist; its area starts from the one chosen",
}


@pytest.fixture
def editable(patrons):
    """The read-audit system, plus one of each configuration record the edit pages open."""
    from patroncare.complaints.services.replies import reply_templates_install_defaults
    from patroncare.guidance.services import phrase_create, phrase_language_add
    from patroncare.rulebook.services import authority_group_create

    world = patrons.world
    admin = world.users["administrator"]
    install_system_defaults(system=world.system, actor=admin)
    reply_templates_install_defaults(system=world.system)
    playbook = PlaybookFactory(system=world.system)
    phrase_create(actor=admin, system=world.system, meaning_en="Welcome.", meaning_es="Bienvenido.")
    PlaybookTextFactory(playbook=playbook)
    patrons.extra.update(
        category=CategoryFactory(system=world.system),
        reply_template=world.system.reply_templates.first(),
        ladder_step=LadderStepFactory(system=world.system),
        behaviour_class=BehaviourClassFactory(system=world.system),
        authority_group=authority_group_create(
            actor=admin, system=world.system, name="Review team", length_number=30
        ),
        playbook=playbook,
        phrase_language=phrase_language_add(
            actor=admin,
            system=world.system,
            code="pl",
            name="Polski",
            english_name="Polish",
            direction="ltr",
        ),
        checkin=CheckIn.objects.create(
            incident=patrons.incident,
            staff_member=world.users["frontline"],
            due_on=patrons.incident.occurred_at.date(),
        ),
        location=Location.objects.filter(branch=world.branch).first(),
        policy_review=PolicyReviewFactory(policy=PolicyFactory(system=world.system)),
    )
    return patrons


# --- what the view made -------------------------------------------------------------------------------


class _FormsMade:
    """Notes every form constructed while a page is built."""

    def __init__(self, monkeypatch):
        self.made: list[forms.BaseForm] = []
        original = forms.BaseForm.__init__
        made = self.made

        def noting_init(form, *args, **kwargs):
            original(form, *args, **kwargs)
            made.append(form)

        monkeypatch.setattr(forms.BaseForm, "__init__", noting_init)

    def take(self) -> list[forms.BaseForm]:
        taken = list(self.made)
        self.made.clear()
        return taken


def _edits_a_record(form: forms.BaseForm) -> bool:
    if form.is_bound or isinstance(form, ManagementForm):
        return False
    if isinstance(form, BaseModelForm) and form.instance.pk is not None:
        return True
    if "version" in form.fields:
        # A create form carries the field too, with nothing in it: there is no colleague's save to lose.
        return form.initial.get("version") is not None
    starts_from = {name for name, value in form.initial.items() if value not in (None, "", [])}
    return bool(starts_from & set(form.fields)) and type(form).__qualname__ not in CREATE_FORMS


def _label(form) -> str:
    return f"{type(form).__module__}.{type(form).__qualname__}"


# --- the page's HTML forms ----------------------------------------------------------------------------


@dataclass
class HtmlForm:
    action: str
    fields: list[dict] = field(default_factory=list)  # {name, tag, type, value, options, checked, disabled}

    def names(self) -> set[str]:
        return {f["name"] for f in self.fields}

    def data(self, override: dict) -> dict:
        data: dict[str, list[str]] = {}
        for f in self.fields:
            if f["disabled"] or f["name"] in override:
                continue
            if f["type"] in {"checkbox", "radio"} and not f["checked"]:
                continue
            if f["type"] in {"submit", "button", "file", "reset", "image"}:
                continue
            if f["tag"] == "select":
                data.setdefault(f["name"], []).extend(
                    f["selected"][:1] if not f["multiple"] else f["selected"]
                )
            else:
                data.setdefault(f["name"], []).append(f["value"])
        for name, value in override.items():
            if value is not None:
                data[name] = [value]
        return data

    def value_of(self, name: str):
        values = []
        for f in self.fields:
            if f["name"] != name:
                continue
            if f["tag"] == "select":
                values.extend(f["selected"])
            elif f["type"] in {"checkbox", "radio"}:
                if f["checked"]:
                    values.append(f["value"])
            else:
                values.append(f["value"])
        return values[0] if values else None


class _PostForms(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._open: dict | None = None  # the textarea or option being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._form = HtmlForm(action=urljoin(self.page_url, attrs.get("action") or self.page_url))
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag in {"input", "textarea", "select", "button"} and attrs.get("name"):
            entry = {
                "name": attrs["name"],
                "tag": tag,
                "type": (attrs.get("type") or ("text" if tag == "input" else tag)).lower(),
                "value": attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else ""),
                "checked": "checked" in attrs,
                "disabled": "disabled" in attrs or "readonly" in attrs,
                "options": [],
                "selected": [],
                "multiple": "multiple" in attrs,
                "maxlength": int(attrs["maxlength"]) if (attrs.get("maxlength") or "").isdigit() else None,
            }
            self._form.fields.append(entry)
            if tag in {"textarea", "select"}:
                self._open = entry
        elif tag == "option" and self._open is not None and self._open["tag"] == "select":
            value = attrs.get("value", "")
            self._open["options"].append(value)
            if "selected" in attrs:
                self._open["selected"].append(value)

    def handle_data(self, data):
        if self._open is not None and self._open["tag"] == "textarea":
            self._open["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag in {"textarea", "select"} and self._open is not None:
            if self._open["tag"] == "textarea" and self._open["value"].startswith(("\r\n", "\n")):
                self._open["value"] = self._open["value"].split("\n", 1)[1]
            if self._open["tag"] == "select" and not self._open["selected"] and self._open["options"]:
                self._open["selected"].append(self._open["options"][0])
            self._open = None


def _post_forms(response, url) -> list[HtmlForm]:
    parser = _PostForms(url)
    parser.feed(response.content.decode("utf-8", "replace"))
    return parser.forms


def _html_form_of(html_forms: list[HtmlForm], form) -> HtmlForm | None:
    """The page's form that holds the most of `form`'s fields (a page may show several forms)."""
    names = {form.add_prefix(name) for name in form.fields}
    overlaps = [(len(names & html_form.names()), index) for index, html_form in enumerate(html_forms)]
    best = max(overlaps, default=(0, None))
    return html_forms[best[1]] if best[0] else None


def _has_version(html_form: HtmlForm) -> bool:
    # The ladder grid carries one fingerprint of all its rows: the version of the grid.
    return any(name.rsplit("-", 1)[-1] in {"version", "fingerprint"} for name in html_form.names())


class NotExercised(Exception):
    """The test could not make a first save the form accepts (the record's state refuses it)."""


# --- the two tabs -------------------------------------------------------------------------------------

AVOID_TEXT = re.compile(r"(code|slug|email|url|phone|token|password|colour|color|time|date)", re.I)


def _changes(form, html_form: HtmlForm):
    """Fields of `form` to change in both tabs, with the first tab's and the second tab's values."""
    entries = {f["name"]: f for f in html_form.fields if not f["disabled"]}
    candidates = []
    for name, form_field in form.fields.items():
        html_name = form.add_prefix(name)
        entry = entries.get(html_name)
        if entry is None or entry["type"] == "hidden":
            continue
        widget = form_field.widget
        if isinstance(widget, forms.Textarea):
            rank = 0
        elif entry["tag"] == "input" and entry["type"] == "text" and not AVOID_TEXT.search(name):
            rank = 1
        elif entry["type"] == "number":
            rank = 2
        elif entry["tag"] == "select" and not entry["multiple"]:
            rank = 3
        else:
            continue
        candidates.append((rank, html_name, name, form_field, entry))
    for _rank, html_name, _name, form_field, entry in sorted(candidates, key=lambda c: c[0]):
        values = [v for v in _tries(entry) if v != html_form.value_of(html_name) and _valid(form_field, v)]
        if len(values) >= 2:
            yield html_name, values[0], values[1]


def _tries(entry) -> list[str]:
    if entry["tag"] == "select":
        return [option for option in entry["options"] if option]
    if entry["type"] == "number":
        start = int(float(entry["value"] or 0))
        return [str(start + step) for step in (1, 2, -1, -2, 3)]
    original = entry["value"].strip()
    room = (entry["maxlength"] or 200) - 10
    return [f"{original[:room]} first tab".strip(), f"{original[:room]} second tab".strip()]


def _valid(form_field, value) -> bool:
    try:
        form_field.clean(value)
    except Exception:  # noqa: BLE001 - any refusal means the value cannot be used
        return False
    return True


def _filled(form, html_form: HtmlForm, skip: str) -> dict:
    """Values for the form's empty fields, as a person would fill them before saving."""
    filled = {}
    today = date.today()
    for name, form_field in form.fields.items():
        html_name = form.add_prefix(name)
        entries = [f for f in html_form.fields if f["name"] == html_name and not f["disabled"]]
        if html_name == skip or not entries or html_form.value_of(html_name) not in (None, ""):
            continue
        entry = entries[0]
        if entry["tag"] == "select":
            tries = [option for option in entry["options"] if option]
        elif entry["type"] in {"checkbox", "radio"}:
            if not form_field.required:
                continue
            tries = [f["value"] for f in entries]
        elif entry["type"] == "date" or isinstance(form_field, forms.DateField):
            tries = [str(today + timedelta(days=days)) for days in (30, 10, 1, 0, -1)]
        elif entry["type"] in {"text", "textarea"}:
            tries = ["Written before saving."]
        else:
            continue
        for value in tries:
            many = isinstance(form_field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
            if _valid(form_field, [value] if many else value):
                filled[html_name] = value
                break
    return filled


def _shows_stored_value(form, name: str) -> bool:
    """Whether the field shows the record's value (an edit field), not an action's empty input."""
    field_name = name.removeprefix(f"{form.prefix}-") if form.prefix else name
    if isinstance(form, BaseModelForm) and field_name in form._meta.fields or ():
        return True
    return form.initial.get(field_name) not in (None, "", [])


def _post(client, html_form: HtmlForm, override: dict):
    return client.post(html_form.action, html_form.data(override), HTTP_REFERER=html_form.action)


def _two_tabs(client, url: str, form, label: str) -> str | None:
    """Open the page twice, save from both tabs; the problem found, or None."""
    first_page, second_page = client.get(url), client.get(url)
    first = _html_form_of(_post_forms(first_page, url), form)
    second = _html_form_of(_post_forms(second_page, url), form)
    if first is None or second is None:
        return f"{label} on {url}: the form is not on the page the second time"
    refusals = []
    # A refused first save changes nothing: the next field is tried (a choice the form lists but the
    # record refuses, such as someone who may not handle the case).
    for html_name, first_value, second_value in itertools.islice(_changes(form, first), 4):  # noqa: B007 - the values of the save that went through
        saved = _post(client, first, _filled(form, first, html_name) | {html_name: first_value})
        if saved.status_code < 400:
            break
        body = saved.content.decode("utf-8", "replace").split("error-summary")[-1]
        refusals.append((html_name, re.findall(r"<li>(.*?)</li>", body)[:2]))
    else:
        if not refusals:
            return f"{label} on {url}: no field the test knows how to change"
        raise NotExercised(f"{label} on {url}: every first save was refused: {refusals}")
    refused = _post(client, second, _filled(form, second, html_name) | {html_name: second_value})
    body = refused.content.decode("utf-8", "replace")
    if STALE not in body and not ALREADY_DECIDED.search(body):
        errors = re.findall(r"<li>(.*?)</li>", body.split("error-summary")[-1])[:2]
        return (
            f"{label} on {url}: the second tab's save of {html_name} was not refused as stale "
            f"({refused.status_code}, {errors})"
        )
    kept = _html_form_of(_post_forms(refused, second.action), form)
    if kept is None or kept.value_of(html_name) != second_value:
        return f"{label} on {url}: what the second tab typed in {html_name} is not in the form any more"
    fresh = [f for f in _post_forms(client.get(url), url) if f.action == first.action]
    stored = _html_form_of(fresh, form)
    if (
        _shows_stored_value(form, html_name)
        and stored is not None
        and stored.value_of(html_name) != first_value
    ):
        return f"{label} on {url}: the first tab's {html_name} is not what is stored"
    return None


# --- the walk -----------------------------------------------------------------------------------------


def test_every_edit_form_refuses_a_stale_save_and_keeps_what_was_typed(
    client, signed_in, editable, monkeypatch
):
    made = _FormsMade(monkeypatch)
    urls = [
        (name, reverse(name, kwargs=EDIT_KWARGS[name](editable) if has_args else None))
        for name, has_args in GET_URLS
        if not has_args or name in EDIT_KWARGS
    ]
    seen: set[tuple[str, str]] = set()
    problems, checked, not_exercised = [], [], []
    for key in ROLES_TRIED:
        signed_in(editable.world.users[key])
        for name, url in urls:
            made.take()
            response = client.get(url)
            constructed = made.take()
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            html_forms = _post_forms(response, url)
            for form in constructed:
                label = _label(form)
                if not _edits_a_record(form) or (name, label) in seen:
                    continue
                html_form = _html_form_of(html_forms, form)
                if html_form is None:
                    continue
                seen.add((name, label))
                if not _has_version(html_form):
                    problems.append(f"{label} on {name} ({key}): the page sends no version")
                    continue
                try:
                    problem = _two_tabs(client, url, form, f"{label} ({key})")
                    checked.append(f"{name}: {label}")
                except NotExercised as error:
                    not_exercised.append(str(error)[:300])
                    problem = None
                except Exception as error:  # noqa: BLE001 - a failing save is one problem among all found
                    problem = f"{label} on {url}: {type(error).__name__}: {error}"
                signed_in(editable.world.users[key])
                made.take()
                if problem:
                    problems.append(problem)
        client.logout()
    print(f"edit forms checked: {len(checked)}", *checked, sep="\n  ")
    print(f"versioned but not saved by the walk: {len(not_exercised)}", *not_exercised, sep="\n  ")
    assert problems == [], "\n".join(problems)
    assert len(checked) >= 20, "the walk must reach the edit forms"
