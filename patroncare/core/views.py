from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from .health import database_state, task_engine_state
from .shell import desk_for


def home(request):
    return redirect("core:desk" if request.user.is_authenticated else "accounts:login")


@login_required
def desk(request):
    sections = desk_for(request.user)
    for section, items in sections:
        if items and section.on_shown is not None:
            section.on_shown(request.user, section.key)
    return render(request, "core/desk.html", {"sections": sections})


@require_POST
def switch_language(request):
    """Django's language switch, which also remembers the choice for a signed-in member of staff."""
    response = set_language(request)
    language = request.POST.get("language")
    known = language in dict(settings.LANGUAGES) and translation.check_for_language(language)
    if request.user.is_authenticated and known:
        get_user_model().objects.filter(pk=request.user.pk).update(preferred_language=language)
    return response


@never_cache
@require_GET
def health(request):
    database, tasks = database_state(), task_engine_state()
    healthy = database["ok"] and tasks["ok"]
    body = {"status": "ok" if healthy else "error", "database": database, "task_engine": tasks}
    return JsonResponse(body, status=200 if healthy else 503)
