"""Public statements on serious upheld mistakes: drafted, approved by the director, reviewed by a trustee,
published on /notices/."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record

from ..models import Complaint, PublicStatement, StatementStatus
from ._common import require


def _audit(actor, statement, summary):
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        obj=statement,
        library_system_id=statement.system_id,
        summary=summary,
    )


@transaction.atomic
def statement_draft(*, actor, complaint: Complaint, title: str, body: str) -> PublicStatement:
    require(complaint.warrants_statement, _("Public statements are for serious mistakes that were upheld."))
    require(
        not PublicStatement.objects.filter(complaint=complaint).exists(),
        _("This case already has a statement."),
    )
    statement = PublicStatement(
        complaint=complaint,
        system_id=complaint.system_id,
        title=title.strip(),
        body=body.strip(),
        drafted_by=actor,
    )
    statement.full_clean()
    statement.save()
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        obj=statement,
        library_system_id=complaint.system_id,
        summary=f"Statement drafted for {complaint.reference}",
    )
    return statement


@transaction.atomic
def statement_approve(*, actor, statement: PublicStatement) -> PublicStatement:
    require(statement.status == StatementStatus.DRAFT, _("Only a draft can be approved."))
    statement.status, statement.approved_by, statement.approved_at = (
        StatementStatus.APPROVED,
        actor,
        timezone.now(),
    )
    statement.full_clean()
    statement.save(update_fields=["status", "approved_by", "approved_at"])
    _audit(actor, statement, "Statement approved by the director")
    return statement


@transaction.atomic
def statement_trustee_review(*, actor, statement: PublicStatement) -> PublicStatement:
    require(statement.trustee_reviewed_at is None, _("A trustee has already reviewed this statement."))
    statement.trustee_reviewed_by, statement.trustee_reviewed_at = actor, timezone.now()
    statement.full_clean()
    statement.save(update_fields=["trustee_reviewed_by", "trustee_reviewed_at"])
    _audit(actor, statement, "Statement reviewed by a trustee")
    return statement


@transaction.atomic
def statement_publish(*, actor, statement: PublicStatement) -> PublicStatement:
    require(
        statement.status == StatementStatus.APPROVED and statement.trustee_reviewed_at is not None,
        _("A statement is published after the director's approval and a trustee's review."),
    )
    statement.status, statement.published_at = StatementStatus.PUBLISHED, timezone.now()
    statement.full_clean()
    statement.save(update_fields=["status", "published_at"])
    _audit(actor, statement, "Statement published")
    return statement
