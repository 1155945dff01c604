"""Where interpretation of a policy differs: exception rates compared with the system's typical rate.

For one policy, every decided request in the window counts once: granted (an exception, recorded or approved)
or enforced (the policy applied as written, including an exception a supervisor declined). Requests still
awaiting a supervisor are left out.

The system rate is p = granted / decided over the whole library system. A branch or a member of staff with n
decided requests of which g were granted has rate r = g / n and the score

    z = (r - p) / sqrt(p (1 - p) / n)

(how many standard errors r lies from p if the group granted exceptions at the system's rate). A group is an
outlier when n >= MIN_COUNT and |z| >= Z_THRESHOLD: far from the system rate, and on enough requests that
the difference is unlikely to be chance. Groups below MIN_COUNT are shown but never marked. When p is 0 or 1
every group necessarily matches it and nothing is marked.
"""

from dataclasses import dataclass
from math import sqrt

MIN_COUNT = 10
Z_THRESHOLD = 2.0


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


def score(granted: int, total: int, system_rate: float | None) -> float | None:
    if not total or system_rate is None or system_rate in (0.0, 1.0):
        return None
    return (granted / total - system_rate) / sqrt(system_rate * (1 - system_rate) / total)


def rate_rows(
    groups, *, system_rate: float | None, min_count: int = MIN_COUNT, threshold: float = Z_THRESHOLD
) -> list[RateRow]:
    """`groups`: iterable of (key, label, granted, enforced). Returns rows with z and the outlier mark."""
    rows = []
    for key, label, granted, enforced in groups:
        z = score(granted, granted + enforced, system_rate)
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


def system_rate(granted: int, enforced: int) -> float | None:
    total = granted + enforced
    return granted / total if total else None
