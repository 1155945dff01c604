"""Web addresses typed without a scheme are read as https:// in every model form that has one, as Django 6
will do, and building those forms warns of nothing."""

import warnings

import pytest
from django.utils.deprecation import RemovedInDjango60Warning

from patroncare.referrals.forms import ResourceForm
from patroncare.referrals.models import Category
from patroncare.sso.forms import OidcProviderForm


def _without_warnings(build):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RemovedInDjango60Warning)
        return build()


@pytest.mark.django_db
def test_a_resource_website_without_a_scheme_is_https():
    form = _without_warnings(
        lambda: ResourceForm(categories=Category.objects.none(), owners=Category.objects.none())
    )
    assert form.fields["website"].clean("help.example.org") == "https://help.example.org"


def test_an_issuer_without_a_scheme_is_https():
    form = _without_warnings(OidcProviderForm)
    assert form.fields["issuer"].clean("login.example.org") == "https://login.example.org"
