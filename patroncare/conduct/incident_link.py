"""The exclusions app's answers to what incidents ask (see patroncare.incidents.extensions)."""

from patroncare.incidents.extensions import ExclusionLink

from . import retention
from .permissions import can_handle_exclusions
from .selectors import exclusions_in_force

LINK = ExclusionLink(
    in_force=exclusions_in_force,
    may_exclude=can_handle_exclusions,
    incidents_kept=retention.incidents_kept,
    people_kept=retention.people_kept,
    incident_protections=retention.incident_protections,
    people_named=retention.people_named,
)
