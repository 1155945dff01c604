from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.core.concurrency import StaleEditError
from patroncare.training import engine, services
from patroncare.training.anonymise import anonymise
from patroncare.training.models import GroupStep, Play, Scenario, ScenarioVersion, VersionStatus
from patroncare.training.scenario_format import export, parse

from .factories import SMALL, VersionFactory, small_text

pytestmark = pytest.mark.django_db


# Engine and scoring


def test_choose_returns_the_choice_and_the_step_it_leads_to():
    doc = parse(SMALL)
    choice, target = engine.choose(doc, step_id="middle", index=2)
    assert (choice.text, choice.score, target.id, target.ending) == ("Refuse.", 0, "poor", "poor")


@pytest.mark.parametrize("index", [-1, 3])
def test_choose_refuses_a_choice_that_does_not_exist(index):
    with pytest.raises(ValueError):
        engine.choose(parse(SMALL), step_id="middle", index=index)


def test_choose_refuses_a_move_from_an_ending():
    with pytest.raises(ValueError):
        engine.choose(parse(SMALL), step_id="good", index=0)


def test_score_adds_points_out_of_two_per_choice():
    path = [
        {"step": "open", "choice": 1, "score": 0, "skill": "feelings_first"},
        {"step": "middle", "choice": 1, "score": 1, "skill": "listen"},
        {"step": "open", "choice": 0, "score": 2, "skill": "listen"},
        {"step": "middle", "choice": 0, "score": 2, "skill": "assist"},
    ]
    assert engine.score_of(path) == (5, 8)


def test_debrief_lists_skills_shown_missed_and_the_better_path():
    doc = parse(SMALL)
    path = [
        {"step": "open", "choice": 1, "score": 0, "skill": "feelings_first"},
        {"step": "middle", "choice": 0, "score": 2, "skill": "assist"},
    ]
    debrief = engine.debrief(doc, path)
    assert debrief.shown == ["Assist"]
    assert debrief.missed == ["Feelings first, then the problem"]
    assert [(line.step.id, line.better.text) for line in debrief.alternative] == [("open", "Greet them.")]


def test_a_skill_missed_once_and_shown_later_is_not_listed_as_missed():
    path = [
        {"step": "middle", "choice": 2, "score": 0, "skill": "assist"},
        {"step": "middle", "choice": 0, "score": 2, "skill": "assist"},
    ]
    debrief = engine.debrief(parse(SMALL), path)
    assert (debrief.shown, debrief.missed) == (["Assist"], [])


# Authoring and versions


def test_importing_a_file_creates_a_draft_in_canonical_form(world):
    trainer = world.users["trainer"]
    version = services.scenario_import(actor=trainer, text=SMALL.replace("\n\n", "\n\n# a comment\n", 1))
    assert (version.number, version.status, version.step_count, version.title) == (
        1,
        "draft",
        4,
        "A small test scenario",
    )
    assert version.source == SMALL
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(version.pk)).count() == 1


def test_import_of_a_broken_file_saves_nothing_and_names_the_problems(world):
    with pytest.raises(ValidationError) as error:
        services.scenario_import(
            actor=world.users["trainer"], text=SMALL.replace('next = "good"', 'next = "x"')
        )
    assert error.value.messages == ["Step “middle”, choice 1 leads nowhere: there is no step “x”."]
    assert Scenario.objects.count() == 0


def test_only_trainers_author(world):
    with pytest.raises(PermissionDenied):
        services.scenario_import(actor=world.users["supervisor"], text=SMALL)
    assert Scenario.objects.count() == 0


def test_editing_a_published_version_starts_a_new_version_and_leaves_the_published_one_unchanged(world):
    trainer = world.users["trainer"]
    published = services.version_publish(
        actor=trainer, version=services.scenario_import(actor=trainer, text=SMALL)
    )
    draft = services.draft_start(actor=trainer, scenario=published.scenario)
    services.draft_update(
        actor=trainer, version=draft, text=small_text(title="Renamed"), expected_version=draft.version
    )
    published.refresh_from_db()
    assert (published.number, published.title, published.status) == (1, "A small test scenario", "published")
    assert (draft.number, draft.title, draft.status) == (2, "Renamed", "draft")


def test_a_published_version_cannot_be_edited(world):
    trainer = world.users["trainer"]
    published = services.version_publish(
        actor=trainer, version=services.scenario_import(actor=trainer, text=SMALL)
    )
    with pytest.raises(ValidationError):
        services.draft_update(
            actor=trainer,
            version=published,
            text=small_text(title="Changed"),
            expected_version=published.version,
        )
    published.refresh_from_db()
    assert published.title == "A small test scenario"


def test_two_trainers_editing_one_draft_do_not_overwrite_each_other(world):
    trainer = world.users["trainer"]
    draft = services.scenario_import(actor=trainer, text=SMALL)
    started_at = draft.version
    services.draft_update(
        actor=trainer, version=draft, text=small_text(title="First"), expected_version=started_at
    )
    with pytest.raises(StaleEditError):
        services.draft_update(
            actor=trainer,
            version=ScenarioVersion.objects.get(pk=draft.pk),
            text=small_text(title="Second"),
            expected_version=started_at,
        )
    assert ScenarioVersion.objects.get(pk=draft.pk).title == "First"


def test_a_scenario_has_at_most_one_draft(world):
    version = services.scenario_import(actor=world.users["trainer"], text=SMALL)
    with pytest.raises(IntegrityError):
        ScenarioVersion.objects.create(scenario=version.scenario, number=2, title="x", source=SMALL)


def test_a_play_keeps_the_version_it_started_with_after_a_new_version_is_published(world):
    trainer, frontline = world.users["trainer"], world.users["frontline"]
    v1 = services.version_publish(actor=trainer, version=services.scenario_import(actor=trainer, text=SMALL))
    play = services.play_start(actor=frontline, version=v1)
    services.play_choose(actor=frontline, play=play, step_id="open", index=0)
    draft = services.draft_start(actor=trainer, scenario=v1.scenario)
    doc = parse(SMALL)
    doc.step("middle").says = "Something else entirely."
    doc.step("middle").choices[0].next = "poor"
    doc.step("middle").choices[1].next = "good"
    services.draft_update(actor=trainer, version=draft, text=export(doc), expected_version=draft.version)
    services.version_publish(actor=trainer, version=draft)
    play = services.play_choose(actor=frontline, play=Play.objects.get(pk=play.pk), step_id="middle", index=0)
    assert (play.version_id, play.ending, play.outcome) == (v1.pk, "good", "good")


# Case drafts


def test_anonymise_removes_names_cards_dates_places_and_digit_runs():
    text = (
        "On March 3, 2026 Ana Ruiz (card 29871 0004 5521) shouted at Tom at the Oakton Branch on Elm Street. "
        "Ana came back on 3/4/2026 and on Friday. Call 555-0134."
    )
    result = anonymise(
        text,
        names=["Ana Ruiz", "Tom"],
        card_numbers=["29871 0004 5521"],
        places=["Oakton Branch", "Elm Street"],
    )
    assert result == (
        "On [date] [person] (card [card number]) shouted at [person] at the [place] on [place]. "
        "[person] came back on [date] and on [date]. Call [number]."
    )


def test_a_case_draft_is_anonymised_and_cannot_be_published_until_reviewed(world):
    trainer = world.users["trainer"]
    draft = services.case_draft_create(
        actor=trainer,
        title="Ana at Oakton",
        narrative="Ana Ruiz shouted at Oakton.",
        language="en",
        names=["Ana Ruiz"],
        places=["Oakton"],
    )
    assert draft.from_case and draft.title == "[person] at [place]"
    assert "Ana" not in draft.source and "Oakton" not in draft.source
    assert engine.document(draft.source).step("start").says == "[person] shouted at [place]."
    with pytest.raises(ValidationError):
        services.version_publish(actor=trainer, version=draft)
    assert ScenarioVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT
    services.version_publish(actor=trainer, version=draft, reviewed=True)
    draft.refresh_from_db()
    assert (draft.status, draft.reviewed_by) == ("published", trainer)


def test_the_database_refuses_a_published_case_draft_without_review(world):
    version = services.case_draft_create(
        actor=world.users["trainer"], title="T", narrative="N", language="en"
    )
    with pytest.raises(IntegrityError):
        ScenarioVersion.objects.filter(pk=version.pk).update(status="published", published_at=timezone.now())


def test_starter_library_adds_every_file_once(world):
    trainer = world.users["trainer"]
    added = services.starter_library_add(actor=trainer)
    assert added == len(services.starter_files()) == 18
    assert services.starter_library_add(actor=trainer) == 0
    assert ScenarioVersion.objects.filter(status="published").count() == 18


# Plays


def test_a_play_to_the_good_ending_scores_and_finishes(world):
    frontline = world.users["frontline"]
    play = services.play_start(actor=frontline, version=VersionFactory(scenario__system=world.system))
    assert (play.current_step, play.branch) == ("open", world.branch)
    services.play_choose(actor=frontline, play=play, step_id="open", index=1)
    play = services.play_choose(actor=frontline, play=play, step_id="middle", index=0)
    assert (play.score, play.max_score, play.percent, play.ending, play.outcome) == (2, 4, 50, "good", "good")
    assert play.finished_at is not None
    assert [e["choice"] for e in play.path] == [1, 0]


def test_a_loop_back_is_followed_and_scored(world):
    frontline = world.users["frontline"]
    play = services.play_start(actor=frontline, version=VersionFactory(scenario__system=world.system))
    for step_id, index in [("open", 0), ("middle", 1), ("open", 0), ("middle", 2)]:
        play = services.play_choose(actor=frontline, play=play, step_id=step_id, index=index)
    assert (play.score, play.max_score, play.outcome) == (5, 8, "poor")


def test_answering_a_step_twice_is_refused(world):
    frontline = world.users["frontline"]
    play = services.play_start(actor=frontline, version=VersionFactory(scenario__system=world.system))
    services.play_choose(actor=frontline, play=play, step_id="open", index=0)
    with pytest.raises(ValidationError):
        services.play_choose(actor=frontline, play=play, step_id="open", index=1)
    assert len(Play.objects.get(pk=play.pk).path) == 1


def test_nobody_answers_someone_elses_play(world):
    play = services.play_start(
        actor=world.users["frontline"], version=VersionFactory(scenario__system=world.system)
    )
    with pytest.raises(PermissionDenied):
        services.play_choose(actor=world.users["trainer"], play=play, step_id="open", index=0)
    assert Play.objects.get(pk=play.pk).path == []


def test_a_draft_cannot_be_played(world):
    draft = VersionFactory(scenario__system=world.system, status=VersionStatus.DRAFT, published_at=None)
    with pytest.raises(PermissionDenied):
        services.play_start(actor=world.users["frontline"], version=draft)


# Group sessions and assignments


def test_a_group_session_records_choices_notes_and_a_summary(world):
    trainer = world.users["trainer"]
    version = VersionFactory(scenario__system=world.system)
    session = services.session_start(
        actor=trainer,
        version=version,
        branch=world.branch,
        attendees=[world.users["frontline"], world.users["supervisor"]],
    )
    services.session_choose(actor=trainer, session=session, step_id="open", index=0, notes="  All agreed.  ")
    session = services.session_choose(actor=trainer, session=session, step_id="middle", index=0)
    assert session.ending == "good"
    with pytest.raises(ValidationError):
        services.session_finish(actor=trainer, session=session, summary="  ")
    session = services.session_finish(actor=trainer, session=session, summary="We practised greeting.")
    assert session.finished_at is not None
    assert list(GroupStep.objects.filter(session=session).values_list("step_id", "choice", "notes")) == [
        ("open", 0, "All agreed."),
        ("middle", 0, ""),
    ]
    assert session.attendees.count() == 2


def test_a_session_cannot_finish_before_an_ending(world):
    trainer = world.users["trainer"]
    session = services.session_start(actor=trainer, version=VersionFactory(scenario__system=world.system))
    with pytest.raises(ValidationError):
        services.session_finish(actor=trainer, session=session, summary="Too early.")


def test_only_trainers_run_sessions(world):
    with pytest.raises(PermissionDenied):
        services.session_start(
            actor=world.users["supervisor"], version=VersionFactory(scenario__system=world.system)
        )


def test_an_assignment_is_done_once_the_scenario_is_finished_after_it_was_assigned(world):
    from patroncare.training.selectors import assignments_for

    trainer, frontline = world.users["trainer"], world.users["frontline"]
    version = VersionFactory(scenario__system=world.system)
    assignment = services.assignment_create(
        actor=trainer,
        assignee=frontline,
        scenario=version.scenario,
        due_date=timezone.localdate() + timedelta(days=7),
    )
    assert assignments_for(user=trainer).get(pk=assignment.pk).done is False
    play = services.play_start(actor=frontline, version=version)
    services.play_choose(actor=frontline, play=play, step_id="open", index=0)
    services.play_choose(actor=frontline, play=play, step_id="middle", index=0)
    assert assignments_for(user=trainer).get(pk=assignment.pk).done is True


def test_assigning_someone_of_another_system_is_refused(world):
    version = VersionFactory(scenario__system=world.system)
    with pytest.raises(PermissionDenied):
        services.assignment_create(
            actor=world.users["trainer"],
            assignee=world.users["other_system_admin"],
            scenario=version.scenario,
            due_date=timezone.localdate(),
        )
