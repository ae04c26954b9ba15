"""Forum URLs, mounted at /forum/ (Indonesian) and /en/forum/ (English). URL words are
translated (discussions/locale)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from .comments import views as comments
from .faq import views as faq
from .moderation import views as moderation
from .notifications import views as notifications
from .ppid import views as ppid
from .survey import views as survey
from .threads.views import actions, answers, feeds, mine, queue, threads

app_name = "discussions"

urlpatterns = [
    path("", threads.thread_list, name="thread_list"),
    path(_("new/"), threads.thread_create, name="thread_create"),
    path(_("queue/"), queue.unit_queue, name="unit_queue"),
    path(_("feed/"), feeds.LatestThreadsFeed(), name="feed"),
    path(_("feed/answers/"), feeds.LatestAnswersFeed(), name="answer_feed"),
    path(_("feed/overdue/<slug:slug>/"), feeds.OverdueThreadsFeed(), name="overdue_feed"),
    path("<int:pk>/", threads.thread_detail, name="thread_detail"),
    path(_("<int:pk>/support/"), actions.thread_support, name="thread_support"),
    path(_("<int:pk>/follow/"), actions.thread_follow, name="thread_follow"),
    path(_("<int:pk>/confirm/"), actions.thread_confirm, name="thread_confirm"),
    path(_("<int:pk>/dispute/"), actions.thread_dispute, name="thread_dispute"),
    path(_("<int:pk>/acknowledge/"), actions.thread_acknowledge, name="thread_acknowledge"),
    path(_("<int:pk>/extend/"), actions.thread_extend, name="thread_extend"),
    path(_("<int:pk>/reroute/"), actions.thread_reroute, name="thread_reroute"),
    path(_("<int:pk>/close/"), actions.thread_close, name="thread_close"),
    path(_("<int:pk>/answer/"), answers.answer_publish, name="answer_publish"),
    path(_("<int:pk>/report/"), moderation.thread_flag, name="thread_flag"),
    # The public-information path (UU 14/2008): papers for the requester and the PPID,
    # the written decision, the objection and its answer, the Komisi step.
    path(_("<int:pk>/receipt/"), ppid.receipt, name="ppid_receipt"),
    path(_("<int:pk>/receipt.pdf"), ppid.receipt_pdf, name="ppid_receipt_pdf"),
    path(_("<int:pk>/decision/"), ppid.decide, name="ppid_decide"),
    path(_("<int:pk>/decision.pdf"), ppid.decision_pdf, name="ppid_decision_pdf"),
    path(_("<int:pk>/decision/attachments/<int:position>/"), ppid.attachment,
         name="ppid_attachment"),
    path(_("<int:pk>/objection/"), ppid.object_, name="ppid_object"),
    path(_("<int:pk>/objection/answer/"), ppid.objection_answer,
         name="ppid_objection_answer"),
    path(_("<int:pk>/komisi/"), ppid.komisi, name="ppid_komisi"),
    path(_("<int:pk>/case-file.pdf"), ppid.case_file_pdf, name="ppid_case_file_pdf"),
    path(_("<int:pk>/case-file.zip"), ppid.case_file_zip, name="ppid_case_file_zip"),
    path(_("information-requests/register/"), ppid.request_register,
         name="ppid_request_register"),
    path(_("information-requests/objections/"), ppid.objection_register,
         name="ppid_objection_register"),
    path(_("<int:pk>/survey/"), survey.survey_answer, name="survey_answer"),
    path(_("<int:pk>/faq/"), faq.faq_promote, name="faq_promote"),
    path(_("faq/"), faq.faq_list, name="faq_list"),
    path(_("faq/<int:pk>/"), faq.faq_detail, name="faq_detail"),
    path(_("survey/"), survey.skm_index, name="skm_index"),
    path(_("survey/moderation/"), survey.skm_comment_queue, name="skm_comment_queue"),
    path(_("survey/<slug:slug>/"), survey.skm_unit, name="skm_unit"),
    path(_("survey/<slug:slug>/<int:year>/follow-up/"), survey.skm_follow_up,
         name="skm_follow_up"),
    path(_("comments/"), comments.comment_post, name="comment_post"),
    path(_("comments/<int:pk>/"), comments.comment_permalink, name="comment_permalink"),
    path(_("comments/<int:pk>/reply/"), comments.comment_reply, name="comment_reply"),
    path(_("comments/<int:pk>/like/"), comments.comment_like, name="comment_like"),
    path(_("comments/<int:pk>/report/"), moderation.comment_flag, name="comment_flag"),
    path(_("comments/<int:pk>/edit/"), comments.comment_edit, name="comment_edit"),
    path(_("comments/<int:pk>/delete/"), comments.comment_delete, name="comment_delete"),
    path(_("comments/confirm/<str:token>/"), comments.comment_confirm, name="comment_confirm"),
    path(_("moderation-ledger/"), moderation.moderation_ledger, name="moderation_ledger"),
    path(_("moderation-ledger/csv/"), moderation.moderation_ledger_csv,
         name="moderation_ledger_csv"),
    path(_("answers/<int:pk>/edit/"), answers.answer_edit, name="answer_edit"),
    path(_("answers/<int:pk>/history/"), answers.answer_history, name="answer_history"),
    path(_("my-threads/"), mine.my_threads, name="my_threads"),
    path(_("following/"), mine.followed_threads, name="followed_threads"),
    path(_("notifications/"), notifications.notification_list, name="notification_list"),
    path(
        _("notifications/settings/"),
        notifications.notification_preferences,
        name="notification_preferences",
    ),
    path(
        _("notifications/unsubscribe/<str:token>/"),
        notifications.unsubscribe,
        name="unsubscribe",
    ),
]
