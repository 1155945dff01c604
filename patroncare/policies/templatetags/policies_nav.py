from django import template

from patroncare.policies import permissions

register = template.Library()


@register.inclusion_tag("policies/_subnav.html", takes_context=True)
def policies_subnav(context, current=""):
    user = context["request"].user
    return {
        "current": current,
        "can_record": permissions.can_record_exception(user),
        "can_log": permissions.can_view_exception_log(user),
        "can_manage": permissions.can_view_consistency(user),
        "can_meter": permissions.can_view_yes_o_meter(user),
    }
