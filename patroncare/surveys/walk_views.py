"""Walk-through pages: the list, a walk area by area on a phone, the sheet with what changed, actions, and
the library's checklist."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.files import serve_upload
from patroncare.core.forms import add_service_errors
from patroncare.libraries.calendar import today_in

from . import permissions, walk_services
from . import walk_selectors as selectors
from .models import CheckPoint, WalkAction, WalkArea, WalkPhoto, WalkThrough
from .walk_forms import (
    AreaForm,
    CheckPointCreateForm,
    CheckPointForm,
    WalkActionDoneForm,
    WalkActionForm,
    WalkFinishForm,
    WalkStartForm,
)


class WalkView(PermissionRequiredMixin, View):
    permission = permissions.can_see_walkthroughs
    scoped_model = WalkThrough


def _page(request, template, context, status=200):
    return render(request, template, {"nav_current": "surveys", **context}, status=status)


class WalkListView(WalkView):
    def get(self, request, form=None, status=200):
        user = request.user
        branches = selectors.walkable_branches(user=user)
        if form is None and branches:
            form = WalkStartForm(branches=branches, initial={"walked_on": today_in(user.library_system)})
        return _page(
            request,
            "surveys/walks/index.html",
            {
                "walks": selectors.walks(user=user)[:50],
                "form": form,
                "can_edit_checklists": permissions.can_edit_checklists(user),
            },
            status,
        )


class WalkStartView(ActionMixin, WalkListView):
    def post(self, request):
        branches = selectors.walkable_branches(user=request.user)
        if not branches:
            raise PermissionDenied
        form = WalkStartForm(request.POST, branches=branches)
        if form.is_valid():
            try:
                walk = walk_services.walk_start(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                first = selectors.checklist(system_id=walk.system_id)
                if first:
                    return redirect("surveys:walk_area", pk=walk.pk, area=first[0][0])
                return redirect("surveys:walk_detail", pk=walk.pk)
        return self.get(request, form=form, status=400)


class WalkDetailView(WalkView):
    def get(self, request, pk, finish_form=None, action_form=None, done_forms=None, status=200):
        walk = selectors.walk_get(user=request.user, pk=pk)
        sheet = selectors.walk_sheet(walk=walk)
        can_act = permissions.can_walk_branch(request.user, walk.branch_id)
        done_forms = done_forms or {}
        actions = [
            (
                action,
                permissions.can_close_walk_action(request.user, action) and action.done_on is None,
                done_forms.get(action.pk)
                or WalkActionDoneForm(initial={"version": action.version}, prefix=f"a{action.pk}"),
            )
            for action in sheet.actions
        ]
        return _page(
            request,
            "surveys/walks/detail.html",
            {
                "walk": walk,
                "sheet": sheet,
                "actions": actions,
                "today": today_in(walk.system),
                "can_record": permissions.can_record_walk(request.user, walk),
                "can_act": can_act,
                "finish_form": finish_form
                or WalkFinishForm(initial={"version": walk.version, "summary": walk.summary}),
                "action_form": action_form or (_action_form(walk) if can_act else None),
            },
            status,
        )


def _action_form(walk, data=None):
    return WalkActionForm(
        data,
        points=selectors.active_points(system_id=walk.system_id),
        owners=selectors.action_owners(walk=walk),
    )


class WalkAreaView(WalkView):
    def _context(self, walk, area, form):
        areas = selectors.checklist(system_id=walk.system_id)
        keys = [key for key, _label, _points in areas]
        index = keys.index(area) if area in keys else 0
        return {
            "walk": walk,
            "area": area,
            "area_label": WalkArea(area).label,
            "form": form,
            "step": index + 1,
            "steps": len(keys),
            "next_area": keys[index + 1] if index + 1 < len(keys) else "",
        }

    def _walk(self, request, pk):
        walk = selectors.walk_get(user=request.user, pk=pk)
        if not permissions.can_record_walk(request.user, walk):
            raise PermissionDenied
        return walk

    def get(self, request, pk, area):
        walk = self._walk(request, pk)
        points = selectors.area_points(walk=walk, area=area)
        form = AreaForm(points=points, version=walk.version)
        return _page(request, "surveys/walks/area.html", self._context(walk, area, form))

    def post(self, request, pk, area):
        walk = self._walk(request, pk)
        points = selectors.area_points(walk=walk, area=area)
        form = AreaForm(request.POST, request.FILES, points=points, version=walk.version)
        if form.is_valid():
            try:
                walk_services.walk_record_area(
                    actor=request.user,
                    walk=copy.copy(walk),
                    expected_version=form.cleaned_data["version"],
                    area=area,
                    ratings=form.ratings(),
                    photos=form.photos(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                context = self._context(walk, area, form)
                messages.success(request, _("Saved: %(area)s.") % {"area": context["area_label"]})
                if context["next_area"] and "next" in request.POST:
                    return redirect("surveys:walk_area", pk=walk.pk, area=context["next_area"])
                return redirect("surveys:walk_detail", pk=walk.pk)
        return _page(request, "surveys/walks/area.html", self._context(walk, area, form), status=400)


def _done(request, form, perform, message: str) -> bool:
    """Run `perform(cleaned_data)` for a valid form and show `message`; False when the form or the service
    refused, the form then holding why (and what was typed)."""
    if not form.is_valid():
        return False
    try:
        perform(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, message)
    return True


class WalkFinishView(ActionMixin, WalkDetailView):
    def post(self, request, pk):
        walk = selectors.walk_get(user=request.user, pk=pk)
        form = WalkFinishForm(request.POST)

        def finish(data):
            walk_services.walk_finish(
                actor=request.user,
                walk=copy.copy(walk),
                expected_version=data["version"],
                summary=data["summary"],
            )

        if _done(request, form, finish, _("The walk-through is finished.")):
            return redirect("surveys:walk_detail", pk=walk.pk)
        return self.get(request, pk, finish_form=form, status=400)


class WalkActionCreateView(ActionMixin, WalkDetailView):
    def post(self, request, pk):
        walk = selectors.walk_get(user=request.user, pk=pk)
        form = _action_form(walk, request.POST)

        def give(data):
            walk_services.walk_action_create(actor=request.user, walk=walk, **data)

        if _done(request, form, give, _("The action was given to its owner.")):
            return redirect("surveys:walk_detail", pk=walk.pk)
        return self.get(request, pk, action_form=form, status=400)


class WalkActionDoneView(ActionMixin, WalkDetailView):
    scoped_model = WalkAction
    scoped_system_field = "walk__system"

    def post(self, request, pk):
        action = selectors.walk_action_get(user=request.user, pk=pk)
        form = WalkActionDoneForm(request.POST, prefix=f"a{action.pk}")

        def close(data):
            walk_services.walk_action_close(
                actor=request.user,
                action=copy.copy(action),
                expected_version=data["version"],
                done_note=data["done_note"],
            )

        if _done(request, form, close, _("The action is done.")):
            return redirect("surveys:walk_detail", pk=action.walk_id)
        return self.get(request, action.walk_id, done_forms={action.pk: form}, status=400)


class WalkPhotoView(WalkView):
    scoped_model = WalkPhoto
    scoped_system_field = "walk__system"

    def get(self, request, pk):
        photo = selectors.walk_photo_get(user=request.user, pk=pk)
        return serve_upload(
            request,
            photo.file,
            download_name=photo.original_name,
            inline=True,
            content_type=photo.content_type,
        )


class ChecklistView(WalkView):
    permission = permissions.can_edit_checklists
    scoped_model = None

    def get(self, request, form=None, status=200):
        return _page(
            request,
            "surveys/walks/checklists.html",
            {
                "areas": selectors.checklist(system_id=request.user.library_system_id, include_retired=True),
                "form": form or CheckPointCreateForm(initial={"order": 500}),
            },
            status,
        )

    def post(self, request):
        if "starter" in request.POST:
            added = walk_services.checklist_start(actor=request.user, system=request.user.library_system)
            messages.success(request, _("%(count)s starter points were added.") % {"count": added})
            return redirect("surveys:walk_checklists")
        form = CheckPointCreateForm(request.POST)
        if form.is_valid():
            try:
                walk_services.checkpoint_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The point was added to the checklist."))
                return redirect("surveys:walk_checklists")
        return self.get(request, form=form, status=400)


class CheckPointEditView(WalkView):
    permission = permissions.can_edit_checklists
    scoped_model = CheckPoint

    def _render(self, request, point, form, status=200):
        return _page(request, "surveys/walks/point_form.html", {"point": point, "form": form}, status)

    def get(self, request, pk):
        point = selectors.checkpoint_get(user=request.user, pk=pk)
        return self._render(request, point, CheckPointForm(instance=point))

    def post(self, request, pk):
        point = selectors.checkpoint_get(user=request.user, pk=pk)
        form = CheckPointForm(request.POST, instance=copy.copy(point))
        if form.is_valid():
            data = form.cleaned_data
            try:
                walk_services.checkpoint_update(
                    actor=request.user,
                    point=copy.copy(point),
                    expected_version=data["version"],
                    text_en=data["text_en"],
                    text_es=data.get("text_es") or "",
                    area=data["area"],
                    order=data["order"],
                    is_active=data["is_active"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The point was saved."))
                return redirect("surveys:walk_checklists")
        return self._render(request, point, form, status=400)
