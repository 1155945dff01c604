"""Administrators edit the reply templates of their library system."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import forms, selectors, services
from .configuration import ConfigurationView

FIELDS = ("key", "name", "language", "purpose", "body", "is_active")


class ReplyTemplateFormView(ConfigurationView):
    template_name = "complaints/reply_template_form.html"

    def _template(self, request, pk):
        return selectors.reply_template_get(user=request.user, pk=pk) if pk is not None else None

    def get(self, request, pk=None):
        template = self._template(request, pk)
        initial = (
            {name: getattr(template, name) for name in FIELDS} | {"version": template.version}
            if template
            else None
        )
        return render(
            request,
            self.template_name,
            {"form": forms.ReplyTemplateForm(initial=initial), "template": template},
        )

    def post(self, request, pk=None):
        template = self._template(request, pk)
        form = forms.ReplyTemplateForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            try:
                services.reply_template_save(
                    actor=request.user,
                    system=request.user.library_system,
                    template=template,
                    expected_version=values.pop("version"),
                    **values,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The reply template was saved."))
                return redirect("complaints:settings")
        return render(request, self.template_name, {"form": form, "template": template}, status=400)
