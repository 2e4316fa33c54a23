"""Every table, imported in one place so Alembic and ``Base.metadata`` see the whole schema."""

from .alerts.models import Alert, AlertDelivery
from .assessments.models import StoredAssessment
from .auth.models import ApiToken, SignedOutSession
from .channels.models import ChannelProfile, HandledEvent
from .database import Base
from .documents.models import Document
from .documents.review_models import FieldReview, FieldReviewLog, ReviewDismissal
from .portfolio.models import DocumentSignals, MinhashBand, NearDuplicate
from .vendors.models import Vendor

__all__ = [
    "Alert",
    "AlertDelivery",
    "ApiToken",
    "Base",
    "ChannelProfile",
    "Document",
    "DocumentSignals",
    "FieldReview",
    "FieldReviewLog",
    "HandledEvent",
    "MinhashBand",
    "NearDuplicate",
    "ReviewDismissal",
    "SignedOutSession",
    "StoredAssessment",
    "Vendor",
]
