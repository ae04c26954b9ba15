"""Every model of the forum app, imported here so Django finds them (app label
`discussions`; the tables and migrations are the app's). Each concern keeps its models in
its own sub-package: `threads/`, `notifications/`, `moderation/`, `comments/`, `ppid/`,
`survey/`, `faq/`. Other apps import models from here; inside `discussions` each
sub-package imports from the concern's own `models` module.

The `default_*` callables are named here because migrations refer to them as
`discussions.models.default_*`.
"""

from .comments.models import (  # noqa: F401
    COMMENT_MAX_LENGTH,
    COMMENT_NAME_MAX_LENGTH,
    AuthorKind,
    Comment,
    CommentEmailKind,
    CommentReaction,
    CommentRevision,
    CommentStatus,
)
from .faq.models import (  # noqa: F401
    FAQ_ANSWER_MAX_LENGTH,
    FAQ_QUESTION_MAX_LENGTH,
    FaqEntry,
    FaqReviewReason,
)
from .moderation.models import (  # noqa: F401
    NOTE_MAX_LENGTH,
    RULE_DESCRIPTIONS,
    Area,
    Flag,
    ItemKind,
    ModerationAction,
    ModerationLedgerEntry,
    ModerationRule,
)
from .notifications.models import (  # noqa: F401
    KIND_DEFAULTS,
    UNIT_KINDS,
    EmailStatus,
    Notification,
    NotificationKind,
    NotificationPreference,
    kind_default,
)
from .ppid.models import (  # noqa: F401
    LETTER_MAX_LENGTH,
    DecisionAttachment,
    DecisionOutcome,
    Exemption,
    InformationForm,
    InformationRequest,
    Objection,
    ObjectionGround,
    RequestNumberCounter,
    WrittenDecision,
)
from .survey.models import (  # noqa: F401
    ELEMENT_FIELDS,
    ELEMENTS,
    FOLLOW_UP_MAX_LENGTH,
    SCALE,
    SURVEY_COMMENT_MAX_LENGTH,
    AgeBand,
    Education,
    FollowUpPlan,
    Gender,
    Occupation,
    SurveyCommentStatus,
    SurveyResponse,
)
from .threads.models import (  # noqa: F401
    ANSWER_MAX_LENGTH,
    AUTHOR_SEES,
    AWAITING_UNIT,
    BODY_MAX_LENGTH,
    BODY_MIN_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    TITLE_MIN_LENGTH,
    ActorRole,
    AppendOnlyModel,
    AppendOnlyQuerySet,
    Category,
    CloseReason,
    Deadline,
    Follow,
    Holiday,
    InformationDecision,
    OfficialAnswer,
    OfficialAnswerRevision,
    RefusalGround,
    Support,
    Thread,
    ThreadEvent,
    ThreadEventKind,
    ThreadKind,
    ThreadPrivateDetail,
    ThreadStatus,
    ThreadVisibility,
    default_answer_days,
    default_closing_days,
    default_extension_days,
    default_first_response_days,
    default_information_request_days,
)
