"""The demo shows what waits for people: lines in their lists in their own language, and e-mails in the
review queue that reached no case."""

from io import StringIO

import pytest
from django.core.management import call_command

from patroncare.accounts.models import User
from patroncare.libraries.models import LibrarySystem
from patroncare.mailbox.models import InboundMail, InboundStatus, ReviewReason
from patroncare.notifications.models import Notification
from patroncare.sso.models import RoleMapping

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_demo_staff_find_what_waits_for_them_and_the_review_queue_has_mail():
    call_command("load_demo", stdout=StringIO())
    riverbend = LibrarySystem.objects.get(slug="riverbend")
    unread = Notification.objects.filter(user__library_system=riverbend, read_at__isnull=True)
    kinds = set(unread.values_list("kind", flat=True))
    assert {"incidents.follow_up", "incidents.checkin_due", "surveys.round_open"} <= kinds, kinds
    maria = User.objects.get(email__startswith="maria.lopez")
    assert maria.preferred_language == "es"
    lines = list(unread.filter(user=maria).values_list("line", flat=True))
    assert lines and any("encuesta" in line.lower() for line in lines), lines
    # The lines name records by number only: no patron of the demo is named in any of them.
    names = ["Lena", "Morales", "Delgado", "Nguyen"]
    assert not [line for line in unread.values_list("line", flat=True) if any(n in line for n in names)]
    queue = InboundMail.objects.filter(system=riverbend, status=InboundStatus.REVIEW)
    assert set(queue.values_list("reason", flat=True)) == {ReviewReason.SPOOFED, ReviewReason.WRONG_TYPE}
    # An example of the sign-on mapping: directory groups that give roles, one of them at a branch.
    mappings = RoleMapping.objects.filter(library_system=riverbend)
    assert mappings.count() == 4 and mappings.filter(branch__code="CEN").count() == 2
