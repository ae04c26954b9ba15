"""Publication pages and snippets (see docs/architecture.md)."""

from .articles import NewsIndexPage, NewsPage, NewsPageTag, ReportIndexPage, ReportPage
from .home import HomePage
from .outcomes import (
    OutcomeEvidence,
    OutcomeIndexPage,
    OutcomeIndicator,
    OutcomePage,
    OutcomeProgram,
    OutcomeStatus,
)
from .programs import (
    ProgramAttachment,
    ProgramFormat,
    ProgramStatus,
    TrainingProgramIndexPage,
    TrainingProgramPage,
)
from .register import (
    InformationCategory,
    PartnersPage,
    PublicInformationEntry,
    PublicInformationPage,
)
from .taxonomy import CompetencyArea, PartnerInstitution

__all__ = [
    "CompetencyArea",
    "HomePage",
    "InformationCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OutcomeEvidence",
    "OutcomeIndexPage",
    "OutcomeIndicator",
    "OutcomePage",
    "OutcomeProgram",
    "OutcomeStatus",
    "PartnerInstitution",
    "PartnersPage",
    "ProgramAttachment",
    "ProgramFormat",
    "ProgramStatus",
    "PublicInformationEntry",
    "PublicInformationPage",
    "ReportIndexPage",
    "ReportPage",
    "TrainingProgramIndexPage",
    "TrainingProgramPage",
]
