import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from patroncare.libraries.calendar import today_in
from patroncare.training import engine
from patroncare.training.models import Assignment, GroupSession, Play, Scenario, ScenarioVersion

from .factories import SMALL, AssignmentFactory, PlayFactory, VersionFactory, small_text

pytestmark = pytest.mark.django_db

STAFF = {
    "frontline": 200,
    "supervisor": 200,
    "administrator": 200,
    "security": 200,
    "trainer": 200,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}
STAFF_RECORD = {**STAFF, "other_system_admin": 404}
TRAINER = {
    "frontline": 403,
    "supervisor": 403,
    "administrator": 403,
    "security": 403,
    "trainer": 200,
    "trustee": 403,
    "other_branch_supervisor": 403,
    "other_system_admin": 403,
    "anonymous": 302,
}
TRAINER_RECORD = {**TRAINER, "other_system_admin": 404}
# A person's answers: themselves, the supervisor of their branch, trainers.
PERSONAL = {
    "frontline": 200,
    "supervisor": 200,
    "administrator": 404,
    "security": 404,
    "trainer": 200,
    "trustee": 403,
    "other_branch_supervisor": 404,
    "other_system_admin": 404,
    "anonymous": 302,
}
OVERSEERS = {
    "frontline": 403,
    "supervisor": 200,
    "administrator": 403,
    "security": 403,
    "trainer": 200,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}


@pytest.fixture
def version(world):
    return VersionFactory(scenario__system=world.system, title="Riverside desk scenario")


@pytest.fixture
def finished_play(world, version):
    return PlayFactory(user=world.users["frontline"], branch=world.branch, version=version)


@pytest.mark.parametrize("url_name", ["training:library", "training:records", "training:assignments"])
def test_practice_pages_are_for_staff(role_matrix, version, url_name):
    role_matrix(reverse(url_name), STAFF, hidden_text="Riverside desk scenario")


def test_scenario_intro_is_for_staff_of_the_system(role_matrix, version):
    role_matrix(
        reverse("training:intro", args=[version.pk]), STAFF_RECORD, hidden_text="Riverside desk scenario"
    )


def test_a_play_page_is_only_for_the_player(role_matrix, world, version):
    play = Play.objects.create(
        system=world.system,
        user=world.users["frontline"],
        version=version,
        current_step="open",
        started_at=timezone.now(),
    )
    expected = {**PERSONAL, "supervisor": 404, "trainer": 404}
    role_matrix(reverse("training:play", args=[play.pk]), expected, hidden_text="Greet them.")


def test_a_finished_play_is_seen_by_the_person_their_supervisor_and_trainers(role_matrix, finished_play):
    role_matrix(
        reverse("training:play_record", args=[finished_play.pk]),
        PERSONAL,
        hidden_text="Listen: you greeted them.",
    )


def test_person_records_are_seen_by_the_person_their_supervisor_and_trainers(
    role_matrix, world, finished_play
):
    role_matrix(
        reverse("training:person_records", args=[world.users["frontline"].pk]),
        PERSONAL,
        hidden_text="Riverside desk scenario",
    )


def test_branch_records_are_for_its_supervisors_and_trainers(role_matrix, world, finished_play):
    expected = {**OVERSEERS, "other_branch_supervisor": 404, "other_system_admin": 404}
    role_matrix(
        reverse("training:branch_records", args=[world.branch.pk]),
        expected,
        hidden_text=world.users["frontline"].full_name,
    )


def test_csv_is_for_supervisors_and_trainers(role_matrix, finished_play):
    role_matrix(reverse("training:records_csv"), OVERSEERS, hidden_text="Riverside desk scenario")


def test_csv_lists_the_plays_in_scope_with_exact_values(signed_in, world, finished_play):
    response = signed_in(world.users["supervisor"]).get(reverse("training:records_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["person", "email", "branch"]
    assert rows[1][0:4] == [
        world.users["frontline"].full_name,
        world.users["frontline"].email,
        "Millbrook Branch",
        "Riverside desk scenario",
    ]
    assert rows[1][8:] == ["4", "4", "100", "good"]
    assert len(rows) == 2


def test_csv_of_another_branch_supervisor_leaves_out_people_they_do_not_supervise(
    signed_in, world, finished_play
):
    response = signed_in(world.users["other_branch_supervisor"]).get(reverse("training:records_csv"))
    assert len(list(csv.reader(io.StringIO(response.content.decode())))) == 1


def test_csv_cells_cannot_start_a_formula(signed_in, world, version):
    world.users["frontline"].full_name = "=HYPERLINK(1)"
    world.users["frontline"].save()
    PlayFactory(user=world.users["frontline"], branch=world.branch, version=version)
    response = signed_in(world.users["trainer"]).get(reverse("training:records_csv"))
    assert list(csv.reader(io.StringIO(response.content.decode())))[1][0] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    "url_name",
    [
        "training:author",
        "training:author_new",
        "training:case_draft",
        "training:sessions",
        "training:session_new",
    ],
)
def test_authoring_and_sessions_are_for_trainers(role_matrix, version, url_name):
    role_matrix(reverse(url_name), TRAINER, hidden_text="Riverside desk scenario")


@pytest.mark.parametrize("url_name", ["training:version", "training:export"])
def test_version_pages_are_for_trainers_of_the_system(role_matrix, version, url_name):
    role_matrix(reverse(url_name, args=[version.pk]), TRAINER_RECORD, hidden_text="Riverside desk scenario")


def test_session_page_is_for_trainers_of_the_system(role_matrix, world, version):
    session = GroupSession.objects.create(
        system=world.system,
        version=version,
        current_step="open",
        started_at=timezone.now(),
        facilitator=world.users["trainer"],
    )
    role_matrix(reverse("training:session", args=[session.pk]), TRAINER_RECORD, hidden_text="Riverside desk")


# Flows


def test_playing_through_the_pages_to_an_ending(signed_in, world, version):
    client = signed_in(world.users["frontline"])
    response = client.post(reverse("training:intro", args=[version.pk]))
    play = Play.objects.get(user=world.users["frontline"])
    assert response.url == reverse("training:play", args=[play.pk])
    client.post(response.url, {"step": "open", "choice": "1"})
    page = client.get(response.url).content.decode()
    assert "Feelings first is missed." in page and "I need help." in page
    client.post(response.url, {"step": "middle", "choice": "0"})
    page = client.get(response.url).content.decode()
    assert "They leave happy." in page and "Score: 2 of 4 (50%)" in page
    assert "Greet them." in page  # the stronger response, in "what another path would have looked like"


def test_a_play_post_without_a_choice_is_refused_and_nothing_changes(signed_in, world, version):
    client = signed_in(world.users["frontline"])
    client.post(reverse("training:intro", args=[version.pk]))
    play = Play.objects.get()
    response = client.post(reverse("training:play", args=[play.pk]), {"step": "open"})
    assert response.status_code == 400
    assert "Pick one of the responses." in response.content.decode()
    assert Play.objects.get().path == []


def test_someone_else_cannot_answer_a_play(signed_in, world, version):
    play = Play.objects.create(
        system=world.system,
        user=world.users["frontline"],
        version=version,
        current_step="open",
        started_at=timezone.now(),
    )
    response = signed_in(world.users["trainer"]).post(
        reverse("training:play", args=[play.pk]), {"step": "open", "choice": "0"}
    )
    assert response.status_code == 404
    assert Play.objects.get().path == []


def test_trainer_writes_a_broken_scenario_and_sees_the_problems_with_the_text_kept(signed_in, world):
    broken = SMALL.replace('feedback = "Assist: you helped."\n', "")
    response = signed_in(world.users["trainer"]).post(reverse("training:author_new"), {"source": broken})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Step “middle”, choice 1 has no feedback." in content
    assert "Start over." in content  # what was typed is still in the form
    assert Scenario.objects.count() == 0


def test_trainer_imports_a_file_and_exports_exactly_the_same_text(signed_in, world):
    client = signed_in(world.users["trainer"])
    upload = SimpleUploadedFile("small.toml", SMALL.encode(), content_type="application/octet-stream")
    response = client.post(reverse("training:import"), {"file": upload})
    version = ScenarioVersion.objects.get()
    assert response.url == reverse("training:version", args=[version.pk])
    exported = client.get(reverse("training:export", args=[version.pk]))
    assert exported.content.decode() == SMALL
    assert exported["Content-Disposition"] == 'attachment; filename="small-test.en.v1.toml"'


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("scenario.txt", SMALL.encode(), "Choose a .toml scenario file."),
        ("scenario.toml", b"\x89PNG\r\n\x1a\n\x00\x00", "This is not a text file."),
        ("scenario.toml", "é".encode("latin-1"), "The file must be UTF-8 text."),
        ("scenario.toml", b"x" * (200 * 1024 + 1), "The file is too large"),
    ],
)
def test_bad_uploads_are_refused(signed_in, world, name, content, message):
    response = signed_in(world.users["trainer"]).post(
        reverse("training:import"), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Scenario.objects.count() == 0


def test_non_trainer_cannot_import_and_nothing_is_saved(signed_in, world):
    response = signed_in(world.users["supervisor"]).post(reverse("training:author_new"), {"source": SMALL})
    assert response.status_code == 403
    assert Scenario.objects.count() == 0


def test_stale_draft_edit_keeps_the_text_and_says_why(signed_in, world):
    client = signed_in(world.users["trainer"])
    client.post(reverse("training:author_new"), {"source": SMALL})
    draft = ScenarioVersion.objects.get()
    url = reverse("training:version", args=[draft.pk])
    client.post(url, {"source": small_text(title="First edit"), "version": draft.version})
    response = client.post(url, {"source": small_text(title="Second edit"), "version": draft.version})
    assert response.status_code == 400
    assert "Someone else saved this record" in response.content.decode()
    assert "Second edit" in response.content.decode()
    assert ScenarioVersion.objects.get().title == "First edit"


def test_publishing_and_editing_makes_a_new_version(signed_in, world):
    client = signed_in(world.users["trainer"])
    client.post(reverse("training:author_new"), {"source": SMALL})
    v1 = ScenarioVersion.objects.get()
    client.post(reverse("training:publish", args=[v1.pk]))
    response = client.post(reverse("training:scenario_edit", args=[v1.scenario_id]))
    v2 = ScenarioVersion.objects.get(number=2)
    assert response.url == reverse("training:version", args=[v2.pk])
    assert (ScenarioVersion.objects.get(pk=v1.pk).status, v2.status) == ("published", "draft")


def test_case_draft_needs_the_review_box_to_publish(signed_in, world):
    client = signed_in(world.users["trainer"])
    client.post(
        reverse("training:case_draft"),
        {
            "title": "Shouting at Oakton",
            "language": "en",
            "narrative": "Pat Doe shouted at Oakton on 2026-03-04.",
            "names": "Pat Doe",
            "card_numbers": "",
            "places": "Oakton",
        },
    )
    draft = ScenarioVersion.objects.get()
    assert engine.document(draft.source).step("start").says == "[person] shouted at [place] on [date]."
    assert "Pat Doe" not in draft.source and "Oakton" not in draft.source
    response = client.post(reverse("training:publish", args=[draft.pk]))
    assert response.status_code == 400
    assert ScenarioVersion.objects.get().status == "draft"
    client.post(reverse("training:publish", args=[draft.pk]), {"reviewed": "on"})
    assert ScenarioVersion.objects.get().status == "published"


def test_trainer_runs_a_group_session(signed_in, world, version):
    client = signed_in(world.users["trainer"])
    response = client.post(
        reverse("training:session_new"),
        {"version": version.pk, "branch": world.branch.pk, "attendees": [world.users["frontline"].pk]},
    )
    session = GroupSession.objects.get()
    url = reverse("training:session", args=[session.pk])
    assert response.url == url
    client.post(url, {"action": "choose", "step": "open", "choice": "0", "notes": "Greeting first."})
    client.post(url, {"action": "choose", "step": "middle", "choice": "0", "notes": ""})
    page = client.get(url).content.decode()
    assert "The group's score: 4 of 4" in page and "Skills the group showed" in page
    bad = client.post(url, {"action": "finish", "summary": ""})
    assert bad.status_code == 400
    client.post(url, {"action": "finish", "summary": "We practised."})
    session.refresh_from_db()
    assert (session.ending, session.summary, session.steps.count()) == ("good", "We practised.", 2)
    assert list(session.attendees.all()) == [world.users["frontline"]]


def test_trainer_assigns_and_the_desk_shows_it_overdue(signed_in, world, version):
    client = signed_in(world.users["trainer"])
    client.post(
        reverse("training:assignments"),
        {
            "assignee": world.users["frontline"].pk,
            "scenario": version.scenario_id,
            "due_date": (today_in(world.users["trainer"].library_system) - timedelta(days=1)).isoformat(),
        },
    )
    assert Assignment.objects.count() == 1
    desk = client.get(reverse("core:desk")).content.decode()
    assert "Overdue practice of people I assigned" in desk and world.users["frontline"].full_name in desk
    client.logout()
    desk = signed_in(world.users["frontline"]).get(reverse("core:desk")).content.decode()
    assert "Practice assigned to me" in desk and "Riverside desk scenario" in desk


def test_non_trainer_cannot_assign_and_nothing_is_saved(signed_in, world, version):
    response = signed_in(world.users["supervisor"]).post(
        reverse("training:assignments"),
        {"assignee": world.users["frontline"].pk, "scenario": version.scenario_id, "due_date": "2030-01-01"},
    )
    assert response.status_code == 403
    assert Assignment.objects.count() == 0


def test_assignment_without_a_date_is_refused_with_the_choices_kept(signed_in, world, version):
    response = signed_in(world.users["trainer"]).post(
        reverse("training:assignments"),
        {"assignee": world.users["frontline"].pk, "scenario": version.scenario_id, "due_date": ""},
    )
    assert response.status_code == 400
    assert f'value="{version.scenario_id}" selected' in response.content.decode()
    assert Assignment.objects.count() == 0


def test_records_list_makes_a_constant_number_of_queries(
    signed_in, world, version, django_assert_max_num_queries
):
    client = signed_in(world.users["frontline"])
    for _ in range(3):
        PlayFactory(user=world.users["frontline"], branch=world.branch, version=version)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("training:records"))
    for _ in range(20):
        PlayFactory(user=world.users["frontline"], branch=world.branch, version=version)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("training:records"))


@pytest.mark.parametrize(
    "url_name", ["training:library", "training:assignments", "training:author", "training:sessions"]
)
def test_lists_make_a_constant_number_of_queries(signed_in, world, url_name, django_assert_max_num_queries):
    client = signed_in(world.users["trainer"])
    VersionFactory(scenario__system=world.system)
    client.get(reverse(url_name))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse(url_name))
    for _ in range(8):
        v = VersionFactory(scenario__system=world.system)
        AssignmentFactory(assignee=world.users["frontline"], scenario=v.scenario)
        GroupSession.objects.create(
            system=world.system, version=v, current_step="open", started_at=timezone.now()
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(url_name))


def test_person_records_list_the_group_sessions_they_attended(signed_in, world, version):
    session = GroupSession.objects.create(
        system=world.system,
        version=version,
        current_step="open",
        started_at=timezone.now(),
        branch=world.branch,
    )
    session.attendees.set([world.users["frontline"]])
    url = reverse("training:person_records", args=[world.users["frontline"].pk])
    page = signed_in(world.users["supervisor"]).get(url).content.decode()
    assert "Group sessions attended" in page and "Riverside desk scenario" in page


def test_version_page_shows_where_each_response_leads(signed_in, world, version):
    page = (
        signed_in(world.users["trainer"]).get(reverse("training:version", args=[version.pk])).content.decode()
    )
    assert "Start over. → <code>open</code> · Listen · 1" in page


@pytest.mark.parametrize(
    "key, status", [("supervisor", 403), ("frontline", 403), ("other_system_admin", 404)]
)
def test_denied_posts_change_nothing(signed_in, world, key, status):
    draft = VersionFactory(scenario__system=world.system, status="draft", published_at=None)
    assignment = AssignmentFactory(assignee=world.users["frontline"], scenario=draft.scenario)
    session = GroupSession.objects.create(
        system=world.system,
        version=VersionFactory(scenario__system=world.system),
        current_step="open",
        started_at=timezone.now(),
    )
    client = signed_in(world.users[key])
    posts = [
        (reverse("training:publish", args=[draft.pk]), {}),
        (reverse("training:scenario_edit", args=[draft.scenario_id]), {}),
        (reverse("training:assignment_cancel", args=[assignment.pk]), {}),
        (reverse("training:session", args=[session.pk]), {"action": "choose", "step": "open", "choice": "0"}),
        (
            reverse("training:version", args=[draft.pk]),
            {"source": small_text(title="Hijacked"), "version": "1"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == status, url
    client.post(reverse("training:starter_library"))
    draft.refresh_from_db()
    assert (draft.status, draft.title) == ("draft", "A small test scenario")
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert session.steps.count() == 0
    assert ScenarioVersion.objects.count() == 2
