from django import template

from ..permissions import can_author, can_see_others_records
from ..scenario_format import OUTCOMES, SKILLS

register = template.Library()


@register.filter
def is_trainer(user) -> bool:
    return can_author(user)


@register.filter
def sees_others(user) -> bool:
    return can_see_others_records(user)


@register.filter
def skill_label(key: str) -> str:
    return str(SKILLS.get(key, key))


@register.filter
def outcome_label(key: str) -> str:
    return str(OUTCOMES.get(key, key))
