from .shell import nav_for


def shell(request):
    user = getattr(request, "user", None)
    entries = nav_for(user) if user is not None else []
    return {"nav_entries": entries, "nav_current": _current_entry_key(entries, request.path)}


def _current_entry_key(entries, path: str) -> str:
    """The entry whose address is the longest prefix of the page, so sub-pages keep their section lit."""
    matches = [(len(entry.url), entry.key) for entry in entries if path.startswith(entry.url)]
    return max(matches)[1] if matches else ""
