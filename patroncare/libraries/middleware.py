from django.utils import timezone


class LibraryTimeZoneMiddleware:
    """Show every time in the time zone of the signed-in person's library system.

    Times are stored in UTC; a desk in Chicago must read "4:30 pm", not the UTC hour.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.library_system_id:
            timezone.activate(user.library_system.zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
