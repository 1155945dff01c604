from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value):
    """0.4236 -> "42.4 %" in the active language; None -> "—"."""
    if value is None:
        return "—"
    return f"{number_format(value * 100, 1)} %"
