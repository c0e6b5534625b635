"""The domain model: frozen attrs classes with invariants only, no checking logic."""

from repatguard.model.agreements import Agreement
from repatguard.model.conditions import ConditionsAssessment
from repatguard.model.lead import CoordinationPlatform, LeadArrangement, Partner, PartnerArrangement
from repatguard.model.operation import (
    MovementWindow,
    Operation,
    Population,
    ReturnArea,
    StayersPolicy,
)
from repatguard.model.people import BestInterestsDetermination, ConsentEvent, Household, Person
from repatguard.model.positions import UnhcrPosition
from repatguard.model.pressure import PressureReview, PressureSignal
from repatguard.model.vocab import (
    Access,
    Agency,
    AgreementClause,
    AgreementKind,
    BestInterestsOutcome,
    CoercionIndicator,
    ConsentKind,
    Initiator,
    LegalCategory,
    MovementKind,
    PressureKind,
    Relationship,
    SecurityLevel,
    Stance,
    Volatility,
)

__all__ = [
    "Access",
    "Agency",
    "Agreement",
    "AgreementClause",
    "AgreementKind",
    "BestInterestsDetermination",
    "BestInterestsOutcome",
    "CoercionIndicator",
    "ConditionsAssessment",
    "ConsentEvent",
    "ConsentKind",
    "CoordinationPlatform",
    "Household",
    "Initiator",
    "LeadArrangement",
    "LegalCategory",
    "MovementKind",
    "MovementWindow",
    "Operation",
    "Partner",
    "PartnerArrangement",
    "Person",
    "Population",
    "PressureKind",
    "PressureReview",
    "PressureSignal",
    "Relationship",
    "ReturnArea",
    "SecurityLevel",
    "Stance",
    "StayersPolicy",
    "UnhcrPosition",
    "Volatility",
]
