from django import template

from patroncare.policies.formatting import render_markdown
from patroncare.policies.models import FLEXIBILITY_EXPLAINED, Flexibility

register = template.Library()


@register.filter
def formatted(text):
    """Markdown rendered and sanitised (see patroncare.policies.formatting)."""
    return render_markdown(text)


@register.inclusion_tag("policies/_flexibility_badge.html")
def flexibility_badge(flexibility, explain=False):
    """The policy's place on the Scale of Yes, in words (never by colour alone)."""
    return {
        "flexibility": flexibility,
        "label": Flexibility(flexibility).label,
        "explain": explain,
        "explained": FLEXIBILITY_EXPLAINED.get(flexibility, ""),
    }
