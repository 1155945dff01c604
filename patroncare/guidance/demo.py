"""Riverbend gets the full set of standard playbooks, linked to its policies, and its phrase cards."""

from patroncare.policies.demo import POLICIES
from patroncare.policies.models import Policy
from patroncare.rulebook.models import Rule

from .services import phrase_cards_install_standard, playbooks_install_standard


def load(context) -> None:
    system = context.system
    by_title = {policy.title: policy for policy in Policy.objects.filter(system=system)}
    policies = {key: by_title[title] for key, title, *_rest in POLICIES if title in by_title}
    rules = {rule.code: rule for rule in Rule.objects.filter(system=system, is_active=True)}
    playbooks_install_standard(system=system, policies=policies, rules=rules)
    phrase_cards_install_standard(system=system)
