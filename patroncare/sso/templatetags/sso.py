from django import template

from ..selectors import providers_on_sign_in_page

register = template.Library()


@register.inclusion_tag("sso/_sign_in_buttons.html", takes_context=True)
def sign_in_buttons(context):
    """The "Sign in with <provider>" buttons of the library systems whose provider is switched on."""
    return {"providers": list(providers_on_sign_in_page()), "next": context.get("next", "")}
