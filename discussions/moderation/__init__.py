"""Moderation: flags, the moderation queue and its actions, the ledger, the Wagtail
admin screens for moderators."""
