"""Mask personal data in text stored before masking covered it (threads, official
answers, notes and reasons, comments, display names) and re-index what changed. Safe to
run again: a second run finds nothing to do."""

from django.core.management.base import BaseCommand

from discussions.masking import stored_text_remask


class Command(BaseCommand):
    help = "Re-mask personal data (NIK, NIP, KK, NPWP, phones, emails) in stored public text."

    def handle(self, *args, **options):
        counts = stored_text_remask(progress=lambda line: self.stdout.write(line))
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
