from .case import (
    CaseEntry,
    Channel,
    Complaint,
    ComplaintResponse,
    EntryKind,
    Judgement,
    Kind,
    OutstandingAction,
    Outcome,
    Remedy,
    Satisfaction,
    Severity,
    Status,
)
from .config import Category, ComplaintSettings, SeverityRule, default_rule
from .learning import PolicyReview, PublicStatement, ReviewStatus, StatementStatus

__all__ = [
    "CaseEntry", "Category", "Channel", "Complaint", "ComplaintResponse", "ComplaintSettings", "EntryKind",
    "Judgement", "Kind", "OutstandingAction", "Outcome", "PolicyReview", "PublicStatement", "Remedy",
    "ReviewStatus", "Satisfaction", "Severity", "SeverityRule", "StatementStatus", "Status", "default_rule",
]
