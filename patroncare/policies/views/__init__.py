from .exceptions import (  # noqa: F401
    ConsistencyView,
    ExceptionCreateView,
    ExceptionDecideView,
    ExceptionDetailView,
    ExceptionListView,
    PolicyConsistencyView,
)
from .library import (  # noqa: F401
    AcknowledgementStatusView,
    AcknowledgeView,
    PolicyDetailView,
    PolicyFormView,
    PolicyListView,
    PolicyRulesView,
    PolicyVersionView,
    ReviewStartView,
)
from .reviews import ReviewDetailView, ReviewListView, YesOMeterView  # noqa: F401
