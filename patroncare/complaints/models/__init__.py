from .attachments import Attachment, AttachmentType
from .case import (
    CaseEntry,
    Channel,
    Complaint,
    ComplaintResponse,
    EntryKind,
    Judgement,
    Kind,
    Outcome,
    OutstandingAction,
    Remedy,
    Satisfaction,
    Severity,
    Status,
)
from .config import Category, ComplaintSettings, ComplaintsLead, SeverityRule, default_rule
from .learning import PolicyReview, PublicStatement, ReviewStatus, StatementStatus
from .replies import MERGE_FIELDS, ReplyPurpose, ReplyTemplate

__all__ = [
    "Attachment",
    "AttachmentType",
    "MERGE_FIELDS",
    "ReplyPurpose",
    "ReplyTemplate",
    "CaseEntry",
    "Category",
    "Channel",
    "Complaint",
    "ComplaintsLead",
    "ComplaintResponse",
    "ComplaintSettings",
    "EntryKind",
    "Judgement",
    "Kind",
    "OutstandingAction",
    "Outcome",
    "PolicyReview",
    "PublicStatement",
    "Remedy",
    "ReviewStatus",
    "Satisfaction",
    "Severity",
    "SeverityRule",
    "StatementStatus",
    "Status",
    "default_rule",
]
