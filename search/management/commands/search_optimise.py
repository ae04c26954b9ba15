from django.core.management.base import BaseCommand

from search import services
from search.engines import EngineUnavailable

from .search_rebuild import pick_engines


class Command(BaseCommand):
    help = ("Reorganise the search index for reading: on PostgreSQL the database engine's "
            "table is rewritten in date order (CLUSTER; seconds for 100,000 records, "
            "searches wait meanwhile). Schedule it monthly; search_rebuild does it too.")

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=["all", "database", "primary"], default="all",
                            help="Which engines (default: every engine in use).")

    def handle(self, *args, engine, **options):
        try:
            names = services.optimise(progress=self.stdout.write, engines=pick_engines(engine))
        except EngineUnavailable as exc:
            self.stderr.write(f"search engine unavailable: {exc}")
            raise SystemExit(1) from exc
        self.stdout.write(self.style.SUCCESS(f"optimised: {', '.join(names)}"))
