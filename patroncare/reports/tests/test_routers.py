"""Report reads go to the replica when there is one, and only inside replica_reads(); writes never do."""

import pytest
from django.conf import settings
from django.test import override_settings

from patroncare.complaints.models import Complaint
from patroncare.reports.models import BoardReport
from patroncare.reports.routers import ReportReplicaRouter, replica_reads

pytestmark = pytest.mark.django_db(databases=[])

WITH_REPLICA = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}


@override_settings(DATABASES=WITH_REPLICA)
def test_report_reads_go_to_the_replica_and_other_reads_and_all_writes_stay_on_the_primary():
    router = ReportReplicaRouter()

    assert router.db_for_read(Complaint) is None
    with replica_reads():
        assert router.db_for_read(Complaint) == "replica"
        assert router.db_for_write(BoardReport) == "default"
    assert router.db_for_read(Complaint) is None


def test_without_a_replica_report_reads_use_the_default_database():
    with replica_reads():
        assert ReportReplicaRouter().db_for_read(Complaint) is None


def test_the_replica_is_never_migrated():
    router = ReportReplicaRouter()

    assert router.allow_migrate("replica", "reports") is False
    assert router.allow_migrate("default", "reports") is True
