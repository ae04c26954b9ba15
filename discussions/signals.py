"""Reacting to other apps' events that the forum cannot be called from.

Accounts is the ground floor and never imports the forum, so when an account is deleted
(e.g. a personal-data deletion request) the forum adjusts its own denormalised counter
here. The forum's own writes never go through signals; they live in services."""

from django.conf import settings
from django.db.models import F
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Follow, Thread


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="discussions_forget_follower")
def forget_deleted_follower(sender, instance, **kwargs):
    """Their Follow rows are deleted by the cascade; the counters go down with them."""
    thread_ids = list(Follow.objects.filter(user=instance).values_list("thread_id", flat=True))
    if thread_ids:
        Thread.objects.filter(pk__in=thread_ids, followers_count__gt=0).update(
            followers_count=F("followers_count") - 1
        )
