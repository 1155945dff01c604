from django import template

from patroncare.notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_header_link.html", takes_context=True)
def notifications_link(context):
    """The header's link to the person's notifications, with how many are unread (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"unread": unread_count(user=user)}
