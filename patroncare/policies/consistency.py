"""Where interpretation of a policy differs: exception rates compared with the system's typical rate.

For one policy, every decided request in the window counts once: granted (an exception, recorded or approved)
or enforced (the policy applied as written, including an exception a supervisor declined). Requests still
awaiting a supervisor are left out.

The system's typical rate p is the median of the branches' exception rates, counting only branches with at
least MIN_COUNT decided requests (the pooled rate, all exceptions over all requests, when no branch has that
many). The median, not the pooled rate, because one branch that reads a policy very differently drags the
pooled rate towards itself and would make every other branch look unusual.

A branch or a member of staff with n decided requests of which g were granted has rate r = g / n and the score

    z = (r - p) / sqrt(p (1 - p) / n)

(how many standard errors r lies from p if the group granted exceptions at the typical rate). A group is an
outlier when n >= MIN_COUNT and |z| >= Z_THRESHOLD: far from the typical rate, and on enough requests that
the difference is unlikely to be chance. Three standard errors rather than two because a manager looks at
many groups at once (six branches times a dozen policies, plus staff): at two, about one group in twenty
would be marked by chance alone; at three, about one in 370. Groups below MIN_COUNT are shown but never
marked. When p is 0 or 1 the score is undefined and nothing is marked.
"""

from dataclasses import dataclass
from math import sqrt
from statistics import median

MIN_COUNT = 10
Z_THRESHOLD = 3.0


@dataclass(frozen=True)
class RateRow:
    key: object
    label: str
    granted: int
    enforced: int
    z: float | None
    outlier: bool

    @property
    def total(self) -> int:
        return self.granted + self.enforced

    @property
    def rate(self) -> float | None:
        return self.granted / self.total if self.total else None

    @property
    def direction(self) -> str:
        """'more' or 'fewer' exceptions than the system, for an outlier; '' otherwise."""
        if not self.outlier:
            return ""
        return "more" if (self.z or 0) > 0 else "fewer"


def score(granted: int, total: int, typical: float | None) -> float | None:
    if not total or typical is None or typical in (0.0, 1.0):
        return None
    return (granted / total - typical) / sqrt(typical * (1 - typical) / total)


def rate_rows(
    groups, *, typical: float | None, min_count: int = MIN_COUNT, threshold: float = Z_THRESHOLD
) -> list[RateRow]:
    """`groups`: iterable of (key, label, granted, enforced). Returns rows with z and the outlier mark."""
    rows = []
    for key, label, granted, enforced in groups:
        z = score(granted, granted + enforced, typical)
        outlier = z is not None and granted + enforced >= min_count and abs(z) >= threshold
        rows.append(
            RateRow(
                key=key,
                label=label,
                granted=granted,
                enforced=enforced,
                z=round(z, 2) if z is not None else None,
                outlier=outlier,
            )
        )
    return rows


def pooled_rate(granted: int, enforced: int) -> float | None:
    total = granted + enforced
    return granted / total if total else None


def typical_rate(groups, *, min_count: int = MIN_COUNT) -> float | None:
    """`groups`: iterable of (granted, enforced) per branch. The median rate of the branches with enough
    requests, else the pooled rate."""
    groups = list(groups)
    rates = [g / (g + e) for g, e in groups if g + e >= min_count]
    if rates:
        return median(rates)
    return pooled_rate(sum(g for g, _e in groups), sum(e for _g, e in groups))
