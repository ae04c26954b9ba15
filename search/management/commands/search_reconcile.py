from django.core.management.base import BaseCommand

from search import services
from search.engines import EngineUnavailable

from .search_rebuild import pick_engines


class Command(BaseCommand):
    help = ("Compare the search index with what is public now and repair the difference "
            "(missing, changed, or no longer public records). Safe to run any time.")

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=["all", "database", "primary"], default="all")

    def handle(self, *args, engine, **options):
        try:
            report = services.reconcile(progress=self.stdout.write, engines=pick_engines(engine))
        except EngineUnavailable as exc:
            self.stderr.write(f"search engine unavailable: {exc}")
            raise SystemExit(1) from exc
        for name, counts in report.items():
            self.stdout.write(self.style.SUCCESS(
                f"{name}: {counts['written']} written, {counts['removed']} removed"
            ))
