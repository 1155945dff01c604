"""Walk-throughs through the patron's eyes: the checklist, a walk area by area with photos, what changed
since the last walk of the branch, actions on their owner's desk, and who may do what."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.conftest import sign_in
from patroncare.core.access import Refused
from patroncare.core.concurrency import StaleEditError
from patroncare.core.languages import missing_versions
from patroncare.core.shell import desk_for
from patroncare.libraries.calendar import today_in
from patroncare.surveys import walk_selectors, walk_services
from patroncare.surveys.content import WALK_STARTER
from patroncare.surveys.models import CheckPoint, PointRating, WalkAction, WalkArea, WalkPhoto, WalkThrough

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def points(world):
    walk_services.checklist_start(actor=world.users["administrator"], system=world.system)
    return {p.key: p for p in CheckPoint.objects.filter(system=world.system)}


@pytest.fixture
def walk(world, points):
    return walk_services.walk_start(actor=world.users["supervisor"], branch=world.branch)


def _record(world, walk, area, ratings, photos=None, actor=None):
    walk.refresh_from_db()
    walk_services.walk_record_area(
        actor=actor or world.users["supervisor"],
        walk=walk,
        expected_version=walk.version,
        area=area,
        ratings=ratings,
        photos=photos,
    )


def test_the_starter_checklist_covers_every_area_in_both_languages(world, points):
    assert len(points) == len(WALK_STARTER)
    assert {p.area for p in points.values()} == set(WalkArea.values)
    assert all(p.text_en and p.text_es for p in points.values())
    assert walk_services.checklist_start(actor=world.users["administrator"], system=world.system) == 0


def test_a_point_written_in_english_only_is_listed_as_lacking_spanish(world, points):
    walk_services.checkpoint_create(
        actor=world.users["administrator"], area=WalkArea.DESK, text_en="Pens at the desk work."
    )
    lacking = {
        str(text.module): count for text, count in missing_versions(system_id=world.system.pk, language="es")
    }
    assert lacking["Walk-through checklists"] == 1


def test_only_administrators_write_the_checklist_and_a_refusal_changes_nothing(world, points):
    with pytest.raises(Refused):
        walk_services.checkpoint_create(actor=world.users["supervisor"], area=WalkArea.DESK, text_en="X y z")
    assert CheckPoint.objects.filter(system=world.system).count() == len(WALK_STARTER)


def test_editing_a_point_with_a_stale_version_is_refused(world, points):
    point = points["desk-greeted"]
    admin = world.users["administrator"]
    kwargs = dict(area=point.area, order=point.order, is_active=True, text_es=point.text_es)
    walk_services.checkpoint_update(
        actor=admin, point=point, expected_version=1, text_en="Greeted.", **kwargs
    )
    with pytest.raises(StaleEditError):
        walk_services.checkpoint_update(
            actor=admin, point=point, expected_version=1, text_en="Other.", **kwargs
        )
    point.refresh_from_db()
    assert (point.text_en, point.version, point.key) == ("Greeted.", 2, "desk-greeted")


def test_an_area_is_rated_with_notes_and_a_photo(world, points, walk):
    photo = SimpleUploadedFile("door.png", PNG, content_type="image/png")
    _record(
        world,
        walk,
        WalkArea.ENTRANCE,
        {points["entrance-hours"]: (1, "Faded sign"), points["entrance-welcome"]: (3, "")},
        photos={points["entrance-hours"]: photo},
    )
    stored = {r.point.key: (r.rating, r.note) for r in PointRating.objects.filter(walk=walk)}
    assert stored == {"entrance-hours": (1, "Faded sign"), "entrance-welcome": (3, "")}
    saved = WalkPhoto.objects.get(walk=walk)
    assert (saved.content_type, saved.original_name, saved.point.key) == (
        "image/png",
        "door.png",
        "entrance-hours",
    )
    walk.refresh_from_db()
    assert walk.version == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("door.png", b"%PDF-1.4 not a photo", "Only JPEG and PNG files are accepted"),
        ("door.jpg", PNG, "its content is PNG"),
        ("door.png", PNG + b"\x00" * (5 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_a_wrong_photo_is_refused_with_its_reason_and_nothing_is_saved(
    world, points, walk, name, content, message
):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as refused:
        _record(
            world,
            walk,
            WalkArea.ENTRANCE,
            {points["entrance-hours"]: (1, "Faded sign")},
            photos={points["entrance-hours"]: upload},
        )
    assert message in " ".join(refused.value.messages)
    assert not PointRating.objects.filter(walk=walk).exists()
    assert not WalkPhoto.objects.exists()
    walk.refresh_from_db()
    assert walk.version == 1


def test_a_stale_area_save_changes_nothing(world, points, walk):
    _record(world, walk, WalkArea.DESK, {points["desk-greeted"]: (3, "")})
    with pytest.raises(StaleEditError):
        walk_services.walk_record_area(
            actor=world.users["supervisor"],
            walk=walk,
            expected_version=1,
            area=WalkArea.DESK,
            ratings={points["desk-greeted"]: (1, "changed")},
        )
    assert PointRating.objects.get(walk=walk).rating == 3


def test_the_next_walk_of_the_branch_shows_what_changed_and_the_earlier_actions(world, points):
    supervisor = world.users["supervisor"]
    today = today_in(world.system)
    first = walk_services.walk_start(
        actor=supervisor, branch=world.branch, walked_on=today - timedelta(days=90)
    )
    _record(
        world,
        first,
        WalkArea.ENTRANCE,
        {points["entrance-hours"]: (1, ""), points["entrance-welcome"]: (3, "")},
    )
    action = walk_services.walk_action_create(
        actor=supervisor,
        walk=first,
        point=points["entrance-hours"],
        text="New hours sign",
        owner=world.users["frontline"],
        due_on=today + timedelta(days=7),
    )
    other_branch = walk_services.walk_start(actor=world.users["administrator"], branch=world.other_branch)
    _record(
        world,
        other_branch,
        WalkArea.ENTRANCE,
        {points["entrance-hours"]: (3, "")},
        actor=world.users["administrator"],
    )
    second = walk_services.walk_start(actor=supervisor, branch=world.branch)
    _record(
        world,
        second,
        WalkArea.ENTRANCE,
        {
            points["entrance-hours"]: (3, ""),
            points["entrance-welcome"]: (2, ""),
            points["entrance-access"]: (3, ""),
        },
    )
    sheet = walk_selectors.walk_sheet(walk=second)
    assert sheet.previous == first
    assert {(row.point.key, row.previous, row.rating, row.change) for row in sheet.changed} == {
        ("entrance-hours", 1, 3, "better"),
        ("entrance-welcome", 3, 2, "worse"),
    }
    entrance = next(area for area in sheet.areas if area.area == WalkArea.ENTRANCE)
    assert next(r for r in entrance.rows if r.point.key == "entrance-access").change == "new"
    assert sheet.previous_actions == [action]


def test_an_action_goes_on_its_owners_desk_until_the_owner_closes_it(world, points, walk):
    owner = world.users["frontline"]
    action = walk_services.walk_action_create(
        actor=world.users["supervisor"],
        walk=walk,
        text="Put an out-of-order sign on computer 3",
        owner=owner,
        due_on=today_in(world.system) + timedelta(days=3),
    )
    cards = {section.key: items for section, items in desk_for(owner)}
    assert [item.title for item in cards["walk-actions"]] == ["Put an out-of-order sign on computer 3"]
    walk_services.walk_action_close(actor=owner, action=action, expected_version=1, done_note="Sign is up")
    action.refresh_from_db()
    assert (action.done_on, action.done_note) == (today_in(world.system), "Sign is up")
    assert "walk-actions" not in {section.key for section, _items in desk_for(owner)}


def test_a_refused_action_changes_nothing(world, points, walk):
    today = today_in(world.system)
    with pytest.raises(Refused):
        walk_services.walk_action_create(
            actor=world.users["frontline"], walk=walk, text="x", owner=world.users["frontline"], due_on=today
        )
    elsewhere = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.other_branch)])
    with pytest.raises(ValidationError):
        walk_services.walk_action_create(
            actor=world.users["supervisor"], walk=walk, text="x", owner=elsewhere, due_on=today
        )
    with pytest.raises(ValidationError):
        walk_services.walk_action_create(
            actor=world.users["supervisor"],
            walk=walk,
            text="x",
            owner=world.users["frontline"],
            due_on=today - timedelta(days=1),
        )
    assert not WalkAction.objects.exists()
    action = walk_services.walk_action_create(
        actor=world.users["supervisor"], walk=walk, text="Fix", owner=world.users["frontline"], due_on=today
    )
    colleague = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    with pytest.raises(Refused):
        walk_services.walk_action_close(actor=colleague, action=action, expected_version=1, done_note="done")
    with pytest.raises(Refused):
        walk_services.walk_start(actor=world.users["other_branch_supervisor"], branch=world.branch)
    with pytest.raises(Refused):
        _record(world, walk, WalkArea.DESK, {points["desk-greeted"]: (1, "")}, actor=world.users["frontline"])
    action.refresh_from_db()
    assert action.done_on is None
    assert WalkThrough.objects.count() == 1
    assert not PointRating.objects.exists()


def test_a_finished_walk_takes_no_more_ratings(world, points, walk):
    walk_services.walk_finish(
        actor=world.users["supervisor"], walk=walk, expected_version=1, summary="Welcoming"
    )
    with pytest.raises(Refused):
        _record(world, walk, WalkArea.DESK, {points["desk-greeted"]: (1, "")})
    assert not PointRating.objects.exists()


SEE = {
    "frontline": 200,
    "supervisor": 200,
    "administrator": 200,
    "security": 200,
    "trainer": 200,
    "trustee": 403,
    "other_branch_supervisor": 404,
    "other_system_admin": 404,
    "anonymous": 302,
}
RECORD = SEE | {"frontline": 403, "security": 403, "trainer": 403}


def test_walk_pages_role_matrix(role_matrix, world, points, walk):
    secret = "Broken lock on the restroom door"
    _record(world, walk, WalkArea.RESTROOMS, {points["restrooms-clean"]: (1, secret)})
    role_matrix(reverse("surveys:walk_detail", args=[walk.pk]), SEE, hidden_text=secret)
    role_matrix(reverse("surveys:walk_area", args=[walk.pk, "restrooms"]), RECORD, hidden_text=secret)
    listing = {key: 200 for key in SEE} | {"trustee": 403, "anonymous": 302}
    role_matrix(reverse("surveys:walks"), listing, hidden_text=secret)
    checklists = {key: 403 for key in SEE} | {
        "administrator": 200,
        "other_system_admin": 200,
        "anonymous": 302,
    }
    role_matrix(reverse("surveys:walk_checklists"), checklists)
    point = {**checklists, "other_system_admin": 404}
    role_matrix(reverse("surveys:walk_point", args=[points["desk-greeted"].pk]), point)


def test_a_photo_is_served_only_to_those_who_see_the_walk(client, world, points, walk):
    _record(
        world,
        walk,
        WalkArea.ENTRANCE,
        {points["entrance-hours"]: (1, "")},
        photos={points["entrance-hours"]: SimpleUploadedFile("sign.png", PNG)},
    )
    url = reverse("surveys:walk_photo", args=[WalkPhoto.objects.get().pk])
    response = sign_in(client, world.users["frontline"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    for key in ("other_branch_supervisor", "other_system_admin"):
        client.logout()
        assert sign_in(client, world.users[key]).get(url).status_code == 404


def test_walking_an_area_in_the_browser_form_keeps_what_was_typed_on_a_bad_photo(client, world, points, walk):
    sign_in(client, world.users["supervisor"])
    url = reverse("surveys:walk_area", args=[walk.pk, "entrance"])
    point = points["entrance-hours"]
    data = {
        "version": "1",
        f"rating_{point.pk}": "1",
        f"note_{point.pk}": "Hours sign faded",
        f"photo_{point.pk}": SimpleUploadedFile("sign.png", b"GIF89a not accepted"),
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Hours sign faded" in response.content.decode()
    assert not PointRating.objects.exists()
    data[f"photo_{point.pk}"] = SimpleUploadedFile("sign.png", PNG)
    response = client.post(url, data | {"next": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:walk_area", args=[walk.pk, "signage"])
    assert PointRating.objects.get().note == "Hours sign faded"


def test_action_pages_refuse_other_systems_and_change_nothing(client, world, points, walk):
    action = walk_services.walk_action_create(
        actor=world.users["supervisor"],
        walk=walk,
        text="Fix",
        owner=world.users["frontline"],
        due_on=today_in(world.system),
    )
    done = reverse("surveys:walk_action_done", args=[action.pk])
    for key in ("other_system_admin", "other_branch_supervisor"):
        client.logout()
        sign_in(client, world.users[key])
        response = client.post(done, {f"a{action.pk}-version": "1", f"a{action.pk}-done_note": "x"})
        assert response.status_code == 404
        response = client.post(
            reverse("surveys:walk_act", args=[walk.pk]),
            {"text": "y", "owner": world.users["frontline"].pk, "due_on": today_in(world.system).isoformat()},
        )
        assert response.status_code == 404
    action.refresh_from_db()
    assert action.done_on is None
    assert WalkAction.objects.count() == 1
    client.logout()
    sign_in(client, world.users["frontline"])
    response = client.post(done, {f"a{action.pk}-version": "1", f"a{action.pk}-done_note": "Fixed it"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_note == "Fixed it"
