"""Every write of the practice room: authoring and publishing, plays, assignments, group sessions."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged
from patroncare.notifications.services import notifications_clear_for, tell
from patroncare.training import events

from . import engine
from .anonymise import anonymise
from .models import Assignment, GroupSession, GroupStep, Play, Scenario, ScenarioVersion, VersionStatus
from .permissions import can_assign, can_assign_to, can_author, can_practise, can_run_sessions
from .scenario_format import Choice, ScenarioDoc, ScenarioFormatError, Step, export, parse_valid
from .selectors import home_branch_id, person_branch_ids

STARTER_LIBRARY = Path(__file__).parent / "scenarios"


def _checked(text: str) -> ScenarioDoc:
    try:
        return parse_valid(text)
    except ScenarioFormatError as error:
        raise ValidationError(error.problems) from error


def _require(allowed: bool) -> None:
    refuse_unless(allowed, _("Your role may not do this in the practice room."))


def _fill(version: ScenarioVersion, doc: ScenarioDoc, text: str) -> None:
    # Stored in the canonical form, so that what is exported is exactly what was saved and imports back
    # unchanged (TOML comments in an imported file are not kept).
    version.title, version.summary, version.source = doc.title, doc.summary, export(doc)
    version.step_count = len(doc.steps)


@transaction.atomic
def scenario_import(*, actor, text: str, from_case: bool = False) -> ScenarioVersion:
    """Save a scenario text as the draft of its scenario (found by slug and language), creating either."""
    _require(can_author(actor))
    doc = _checked(text)
    scenario, created = Scenario.objects.get_or_create(
        system_id=actor.library_system_id, slug=doc.slug, language=doc.language
    )
    draft = scenario.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        number = (scenario.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = ScenarioVersion(scenario=scenario, number=number, created_by=actor, from_case=from_case)
    _fill(draft, doc, text)
    draft.full_clean()
    draft.save()
    events.draft_saved(actor=actor, draft=draft, doc=doc, created=created)
    return draft


@transaction.atomic
def draft_update(*, actor, version: ScenarioVersion, text: str, expected_version: int) -> ScenarioVersion:
    _require(can_author(actor))
    if version.is_published:
        raise ValidationError(_("A published version cannot change; edit it to start a new version."))
    doc = _checked(text)
    if (doc.slug, doc.language) != (version.scenario.slug, version.scenario.language):
        raise ValidationError(
            _("The slug and language cannot change in an edit; import it as a new scenario.")
        )
    _fill(version, doc, text)
    save_if_unchanged(
        version, expected_version=expected_version, fields=["title", "summary", "source", "step_count"]
    )
    events.draft_edited(actor=actor, version=version, doc=doc)
    return version


@transaction.atomic
def draft_start(*, actor, scenario: Scenario) -> ScenarioVersion:
    """The draft to edit: the existing one, or a new version copied from the newest version."""
    _require(can_author(actor))
    draft = scenario.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        return draft
    latest = scenario.versions.order_by("-number").first()
    draft = ScenarioVersion(
        scenario=scenario,
        number=latest.number + 1,
        created_by=actor,
        title=latest.title,
        summary=latest.summary,
        source=latest.source,
        step_count=latest.step_count,
    )
    draft.full_clean()
    draft.save()
    events.version_started(actor=actor, draft=draft, scenario=scenario)
    return draft


@transaction.atomic
def version_publish(*, actor, version: ScenarioVersion, reviewed: bool = False) -> ScenarioVersion:
    _require(can_author(actor))
    if version.is_published:
        raise ValidationError(_("This version is already published."))
    _checked(version.source)
    now = timezone.now()
    if version.from_case:
        if not reviewed:
            raise ValidationError(
                _(
                    "This draft comes from a real case. Confirm you reviewed it for names, "
                    "card numbers, dates and places before publishing."
                )
            )
        version.reviewed_by, version.reviewed_at = actor, now
    version.status, version.published_at = VersionStatus.PUBLISHED, now
    version.full_clean()
    version.save()
    events.published(actor=actor, version=version)
    return version


def version_export(*, actor, version: ScenarioVersion) -> str:
    _require(can_author(actor))
    events.exported(actor=actor, version=version)
    return version.source


def starter_files(language: str | None = None) -> list[Path]:
    pattern = f"{language}/*.toml" if language else "*/*.toml"
    return sorted(STARTER_LIBRARY.glob(pattern))


@transaction.atomic
def starter_library_add(*, actor) -> int:
    """Import and publish every starter scenario the system does not have yet; returns how many were added."""
    _require(can_author(actor))
    added = 0
    for path in starter_files():
        doc = _checked(path.read_text(encoding="utf-8"))
        if Scenario.objects.filter(
            system_id=actor.library_system_id, slug=doc.slug, language=doc.language
        ).exists():
            continue
        version_publish(
            actor=actor, version=scenario_import(actor=actor, text=path.read_text(encoding="utf-8"))
        )
        added += 1
    return added


def case_draft_text(*, title: str, narrative: str, language: str, slug: str) -> str:
    """A minimal playable skeleton around an anonymised narrative, for the trainer to write out."""
    opening = Step(
        id="start",
        setting=_("Write the setting: where, when, who else is there."),
        patron=_("Write how the patron seems (behaviours only)."),
        says=narrative,
    )
    opening.choices = [
        Choice(
            text=_("Write the strongest response here."),
            next="good-ending",
            skill="listen",
            score=2,
            feedback=_("Write the feedback: which skill this shows and why."),
        ),
        Choice(
            text=_("Write a weaker response here."),
            next="poor-ending",
            skill="feelings_first",
            score=0,
            feedback=_("Write the feedback: which skill this misses and what would help."),
        ),
    ]
    endings = [
        Step(id="good-ending", ending="good", says=_("Write how the encounter ends when it goes well.")),
        Step(id="poor-ending", ending="poor", says=_("Write how the encounter ends when it goes badly.")),
    ]
    return export(
        ScenarioDoc(
            slug=slug, language=language, title=title, summary="", start="start", steps=[opening, *endings]
        )
    )


@transaction.atomic
def case_draft_create(
    *, actor, title: str, narrative: str, language: str, names=(), card_numbers=(), places=()
) -> ScenarioVersion:
    """Start a scenario draft from a real case: identifying details removed, review needed to publish."""
    _require(can_author(actor))
    base = "case-" + timezone.now().strftime("%Y%m%d-%H%M%S")
    slug, n = base, 1
    while Scenario.objects.filter(system_id=actor.library_system_id, slug=slug, language=language).exists():
        n += 1
        slug = f"{base}-{n}"
    clean = anonymise(narrative, names=names, card_numbers=card_numbers, places=places)
    clean_title = anonymise(title, names=names, card_numbers=card_numbers, places=places)
    text = case_draft_text(title=clean_title, narrative=clean, language=language, slug=slug)
    return scenario_import(actor=actor, text=text, from_case=True)


def _path_score(play: Play) -> None:
    play.score, play.max_score = engine.score_of(play.path)


@transaction.atomic
def play_start(*, actor, version: ScenarioVersion) -> Play:
    _require(can_practise(actor) and version.is_published)
    doc = engine.document(version.source)
    play = Play(
        system_id=actor.library_system_id,
        user=actor,
        branch_id=home_branch_id(actor),
        version=version,
        current_step=doc.start,
        started_at=timezone.now(),
    )
    play.full_clean()
    play.save()
    return play


@transaction.atomic
def play_choose(*, actor, play: Play, step_id: str, index: int) -> Play:
    """Record the choice made at `step_id`. A choice for a step that is no longer current (a resubmitted
    form, a second tab) is refused rather than recorded twice."""
    play = Play.objects.select_for_update().get(pk=play.pk)
    _require(play.user_id == actor.pk)
    if play.is_finished or play.current_step != step_id:
        raise ValidationError(_("This step was already answered."))
    doc = engine.document(play.version.source)
    try:
        choice, target = engine.choose(doc, step_id=step_id, index=index)
    except ValueError as error:
        raise ValidationError(_("Pick one of the responses.")) from error
    play.path = [*play.path, engine.path_entry(step_id=step_id, index=index, choice=choice)]
    play.current_step = target.id
    _path_score(play)
    if target.is_ending:
        play.ending, play.outcome, play.finished_at = target.id, target.ending, timezone.now()
    play.full_clean()
    play.save()
    return play


@transaction.atomic
def assignment_create(*, actor, assignee, scenario: Scenario, due_date) -> Assignment:
    refuse_unless(
        can_assign_to(actor, assignee, person_branch_ids(assignee)),
        _("You may assign practice only to the people whose training you oversee."),
    )
    refuse_unless(
        assignee.library_system_id == actor.library_system_id
        and scenario.system_id == actor.library_system_id,
        _("That person or scenario belongs to another library system."),
    )
    assignment = Assignment(
        system_id=actor.library_system_id,
        assignee=assignee,
        scenario=scenario,
        due_date=due_date,
        assigned_by=actor,
        assigned_at=timezone.now(),
    )
    assignment.full_clean()
    assignment.save()
    events.assigned(actor=actor, assignment=assignment)
    tell(
        users=[assignee],
        kind="training.assigned",
        line=gettext_lazy("A practice scenario was assigned to you, due %(due)s"),
        params={"due": assignment.due_date.isoformat()},
        url_name="training:intro",
        url_args=(scenario.pk,),
        target=assignment,
    )
    return assignment


@transaction.atomic
def assignment_cancel(*, actor, assignment: Assignment) -> None:
    _require(can_assign(actor) and assignment.system_id == actor.library_system_id)
    events.assignment_cancelled(actor=actor, assignment=assignment)
    notifications_clear_for(obj=assignment)
    assignment.delete()


@transaction.atomic
def session_start(*, actor, version: ScenarioVersion, branch=None, attendees=()) -> GroupSession:
    _require(can_run_sessions(actor) and version.is_published)
    doc = engine.document(version.source)
    session = GroupSession(
        system_id=actor.library_system_id,
        version=version,
        branch=branch,
        facilitator=actor,
        current_step=doc.start,
        started_at=timezone.now(),
    )
    session.full_clean()
    session.save()
    session.attendees.set(attendees)
    events.session_started(actor=actor, session=session, attendees=attendees)
    return session


@transaction.atomic
def session_attendees_set(*, actor, session: GroupSession, attendees) -> None:
    _require(can_run_sessions(actor))
    session.attendees.set(attendees)


@transaction.atomic
def session_choose(
    *, actor, session: GroupSession, step_id: str, index: int, notes: str = ""
) -> GroupSession:
    session = GroupSession.objects.select_for_update().get(pk=session.pk)
    _require(can_run_sessions(actor))
    if session.finished_at or session.ending or session.current_step != step_id:
        raise ValidationError(_("This step was already answered."))
    doc = engine.document(session.version.source)
    try:
        _choice, target = engine.choose(doc, step_id=step_id, index=index)
    except ValueError as error:
        raise ValidationError(_("Pick the response the group chose.")) from error
    record = GroupStep(
        session=session,
        position=session.steps.count() + 1,
        step_id=step_id,
        choice=index,
        notes=notes.strip(),
    )
    record.full_clean()
    record.save()
    session.current_step = target.id
    if target.is_ending:
        session.ending = target.id
    session.save(update_fields=["current_step", "ending"])
    return session


@transaction.atomic
def session_finish(*, actor, session: GroupSession, summary: str) -> GroupSession:
    _require(can_run_sessions(actor))
    if not session.ending:
        raise ValidationError(_("The group has not reached an ending yet."))
    if session.finished_at:
        raise ValidationError(_("This session is already finished."))
    if not summary.strip():
        raise ValidationError({"summary": _("Write a short summary of what the group learned.")})
    session.summary, session.finished_at = summary.strip(), timezone.now()
    session.full_clean()
    session.save(update_fields=["summary", "finished_at"])
    events.session_finished(actor=actor, session=session)
    return session
