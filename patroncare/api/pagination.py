"""Cursor pagination: a page stays right while records are added, and the cursor is opaque."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"

    def __init__(self, ordering):
        self.ordering = ordering
