"""Form rendering shared by every page: errors tied to their fields, announced by assistive technology."""

from django.core.exceptions import ValidationError
from django.forms import Textarea
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class AccessibleBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, Textarea) and widget.attrs.get("maxlength"):
            # A browser's maxlength cuts a pasted letter without a word; the limit is shown as a counter
            # instead, and the server refuses text over it with a message, keeping what was typed.
            attrs["data-limit"] = widget.attrs["maxlength"]
            attrs["maxlength"] = False
        if self.errors and self.auto_id:
            attrs["aria-invalid"] = "true"
            described = attrs.get("aria-describedby", "")
            if not described and self.help_text and self.use_fieldset:
                described = f"{self.auto_id}_helptext"
            attrs["aria-describedby"] = f"{self.auto_id}_error {described}".strip()
        return attrs


class PatronCareFormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"
    bound_field_class = AccessibleBoundField


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else at the top (what was typed stays)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
