"""Search latency on the database engine (PostgreSQL), at 100,000 records.

    .venv/bin/python bench/search.py                 # seed (once) and measure
    .venv/bin/python bench/search.py --records 20000 --queries 100
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/other .venv/bin/python bench/search.py
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search.py --engine elasticsearch

`--engine elasticsearch` also fills an Elasticsearch index (alias serambi-bench-search) with
the same generated records, timing that full rebuild, and measures both engines on the same
queries, per query kind (scripts/elasticsearch.sh starts a node).

Uses a PostgreSQL database of its own (default serambi_bench_search; created if missing,
migrated, seeded with realistic Indonesian records once and reused afterwards). Runs
`--queries` typical searches (one to three words, a third with a facet filter, some on
page 2, some sorted by date) through the same engine call the search page makes — facet
counts, the page of results and highlighted snippets — and prints the median and p95
latency, and the EXPLAIN ANALYZE plan of the text match (which must use the GIN index).
A benchmark, not a test: the target is p95 < 50 ms on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/serambi_bench_search"

UNITS = [
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan SDM"),
    ("dinkes", "Dinas Kesehatan"),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("dispupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("disdik", "Dinas Pendidikan dan Kebudayaan"),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("diskominfo", "Dinas Komunikasi, Informatika dan Persandian"),
    ("dinsos", "Dinas Sosial"),
    ("dpmptsp", "Dinas Penanaman Modal dan PTSP"),
    ("inspektorat", "Inspektorat Daerah"),
    ("setda", "Sekretariat Daerah"),
    ("dishub", "Dinas Perhubungan"),
    ("dlh", "Dinas Lingkungan Hidup"),
    ("satpolpp", "Satuan Polisi Pamong Praja"),
]
AREAS = [
    ("kepemimpinan", "Kepemimpinan"), ("manajemen-proyek", "Manajemen Proyek"),
    ("pelayanan-publik", "Pelayanan Publik"), ("teknologi-informasi", "Teknologi Informasi"),
    ("keuangan-daerah", "Keuangan Daerah"), ("perencanaan", "Perencanaan"),
    ("kesehatan", "Kesehatan"), ("pendidikan", "Pendidikan"),
    ("pengadaan", "Pengadaan Barang dan Jasa"), ("kearsipan", "Kearsipan"),
]
CATEGORIES = [
    ("pelatihan-kompetensi", "Pelatihan & Pengembangan Kompetensi"),
    ("layanan-kepegawaian", "Layanan Kepegawaian"),
    ("permohonan-informasi", "Permohonan Informasi"),
    ("pelayanan-publik", "Pelayanan Publik"),
    ("course", "Pelatihan"), ("workshop", "Lokakarya"), ("internship", "Magang"),
    ("socialisation", "Sosialisasi"),
]
TYPES = [("thread", 45), ("answer", 25), ("program", 10), ("outcome", 6), ("news", 7),
         ("report", 4), ("dip", 3)]
STATUSES = {
    "thread": [("open", "Open"), ("answered", "Answered"), ("resolved", "Resolved"),
               ("closed", "Closed")],
    "answer": [("answered", "Answered"), ("resolved", "Resolved")],
    "program": [("planned", "Planned"), ("open", "Open for registration"),
                ("running", "Running"), ("completed", "Completed")],
    "outcome": [("in_progress", "In progress"), ("achieved", "Achieved"),
                ("partly_achieved", "Partly achieved")],
}
TOPICS = [
    "kepemimpinan", "manajemen proyek", "pelayanan publik", "literasi digital",
    "penyusunan anggaran", "pengadaan barang dan jasa", "kearsipan elektronik",
    "analisis kebijakan", "inovasi daerah", "keselamatan kerja", "pengelolaan aset",
    "statistik sektoral", "perencanaan pembangunan", "audit internal", "tata naskah dinas",
    "sistem merit", "penilaian kinerja", "jabatan fungsional", "kesehatan masyarakat",
    "pendidikan karakter", "pelayanan kependudukan", "keterbukaan informasi",
]
TITLE_TEMPLATES = [
    "Pelatihan {topic} bagi pegawai {unit}",
    "Kapan jadwal pelatihan {topic} angkatan {n} dibuka?",
    "Syarat mengikuti bimbingan teknis {topic}",
    "Laporan pelaksanaan {topic} semester {sem} tahun {year}",
    "Usulan peningkatan kompetensi {topic} untuk ASN",
    "Hasil evaluasi program {topic} di {unit}",
    "Permohonan informasi anggaran {topic} tahun {year}",
    "Sosialisasi {topic} kepada pejabat pengawas",
    "Keluhan layanan {topic} yang lambat",
    "Magang {topic} bersama universitas mitra",
]
SENTENCES = [
    "Kegiatan ini diikuti oleh pejabat administrator dan pengawas dari berbagai perangkat daerah.",
    "Peserta mempelajari {topic} melalui studi kasus dan praktik langsung di unit kerja.",
    "Mohon informasi mengenai jadwal, syarat pendaftaran, dan kuota peserta tahun depan.",
    "Anggaran kegiatan bersumber dari APBD dan realisasinya dilaporkan setiap triwulan.",
    "Pendaftaran dilakukan melalui surat usulan kepala OPD kepada BKPSDM.",
    "Evaluasi menunjukkan peningkatan nilai rata-rata peserta setelah pelatihan.",
    "Materi disusun bersama widyaiswara dan akademisi dari universitas mitra.",
    "Pegawai PPPK juga dapat mengikuti program pengembangan kompetensi ini.",
    "Layanan dibuka setiap hari kerja pukul delapan pagi sampai pukul empat sore.",
    "Proyek perubahan peserta dipantau selama enam bulan setelah kegiatan selesai.",
    "Warga dapat membaca laporan lengkapnya di Daftar Informasi Publik.",
    "Kami mengusulkan agar kelas daring disediakan bagi pegawai di kecamatan yang jauh.",
    "Sertifikat diberikan kepada peserta yang memenuhi syarat kehadiran dan tugas akhir.",
    "Pengelola kepegawaian di setiap unit membantu verifikasi berkas peserta.",
]
QUERY_WORDS = [
    "pelatihan", "kepemimpinan", "anggaran", "jadwal", "pendaftaran", "magang", "laporan",
    "pelayanan", "sosialisasi", "evaluasi", "pengadaan", "kearsipan", "inovasi", "kinerja",
    "sertifikat", "widyaiswara", "pppk", "syarat", "proyek perubahan", "literasi digital",
    "membaca", "melatih", "kuota", "fungsional", "audit", "aset", "statistik",
]
# Misspelt words (issue 19): few or no results, so "did you mean" is looked for.
TYPO_WORDS = ["pelatihna", "kepemimpnan", "anggraan", "sertifkat", "pensuin", "magnag"]


def ensure_database(url: str) -> None:
    import psycopg

    base, _sep, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings.test")
    os.environ.setdefault("SERAMBI_SEARCH_ENGINE", "database")
    import django

    django.setup()


def make_records(count: int, rng: random.Random):
    import datetime as dt

    from search.records import SearchRecord

    kinds = [t for t, weight in TYPES for _ in range(weight)]
    for n in range(1, count + 1):
        record_type = rng.choice(kinds)
        unit, unit_label = rng.choice(UNITS)
        area, area_label = rng.choice(AREAS)
        category, category_label = rng.choice(CATEGORIES)
        topic = rng.choice(TOPICS)
        year = rng.randint(2019, 2026)
        title = rng.choice(TITLE_TEMPLATES).format(
            topic=topic, unit=unit_label, n=rng.randint(1, 12), sem=rng.choice(["I", "II"]),
            year=year)
        body = " ".join(rng.choice(SENTENCES).format(topic=rng.choice(TOPICS))
                        for _ in range(rng.randint(3, 9)))
        status, status_label = rng.choice(STATUSES.get(record_type, [("", "")]))
        forum = record_type in ("thread", "answer")
        yield SearchRecord(
            type=record_type, id=n, url=f"/bench/{record_type}/{n}/", title=title, body=body,
            language="id", all_languages=forum or record_type == "dip",
            unit=unit, unit_label=unit_label,
            category=category if record_type != "news" else "",
            category_label=category_label if record_type != "news" else "",
            area=area if record_type in ("program", "outcome") else "",
            area_label=area_label if record_type in ("program", "outcome") else "",
            status=status, status_label=status_label,
            answered=(rng.random() < 0.6) if forum else None,
            date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
        )


def seed(count: int, *, optimise: bool = True, force: bool = False) -> None:
    from django.db import connection

    from search.engines import database_engine
    from search.models import SearchEntry

    have = SearchEntry.objects.count()
    if have == count and not force:
        print(f"reusing {have} records (as they are: --reseed to start again)")
        return
    print(f"seeding {count} records (had {have}) …", flush=True)
    start = time.perf_counter()
    SearchEntry.objects.all().delete()
    engine = database_engine()
    batch = []
    done = 0
    for record in make_records(count, random.Random(20261128)):
        batch.append(record)
        if len(batch) == 2000:
            engine.upsert(batch)
            done += len(batch)
            batch = []
            if done % 20000 == 0:
                print(f"  {done}", flush=True)
    if batch:
        engine.upsert(batch)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {SearchEntry._meta.db_table}")
    print(f"seeded in {time.perf_counter() - start:.0f} s")
    # Records were written in random date order (the worst case); production's
    # search_rebuild ends with the same optimisation (and search_optimise runs monthly).
    if optimise:
        engine.optimise(progress=print)


def typical_queries(n: int, rng: random.Random):
    from search.query import SearchQuery, parse_terms

    queries = []
    for _ in range(n):
        words = " ".join(rng.sample(QUERY_WORDS, rng.choice([1, 1, 2, 2, 2, 3])))
        if rng.random() < 0.1:
            words = rng.choice(TYPO_WORDS)
        filters = {}
        roll = rng.random()
        if roll < 0.15:
            filters["unit"] = (rng.choice(UNITS)[0],)
        elif roll < 0.25:
            filters["type"] = (rng.choice(["thread", "program", "answer"]),)
        elif roll < 0.33:
            filters["year"] = (str(rng.randint(2019, 2026)),)
        queries.append(SearchQuery(
            terms=parse_terms(words), filters=filters,
            sort="newest" if rng.random() < 0.15 else "relevance",
            page=2 if rng.random() < 0.1 else 1, language="id",
        ))
    return queries


def explain() -> None:
    from django.db import connection

    from search.engines.database import PG_CONFIG
    from search.models import SearchEntry

    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM {table} "  # noqa: S608
            f"WHERE search_vector @@ to_tsquery('{PG_CONFIG}', %s)",
            ["'latih' & 'pimpin'"],  # the stems of "pelatihan kepemimpinan"
        )
        print("\nEXPLAIN ANALYZE (text match of 'pelatihan kepemimpinan'):")
        for (line,) in cursor.fetchall():
            print("  " + line)
    explain_search("pelatihan")


def explain_search(text: str) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every statement one search page makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.engines import database_engine
    from search.query import SearchQuery, parse_terms

    query = SearchQuery(terms=parse_terms(text), language="id")
    with CaptureQueriesContext(connection) as captured:
        database_engine().search(query)
    print(f"\nEvery statement of one search for {text!r}:")
    with connection.cursor() as cursor:
        for statement in captured.captured_queries:
            sql = statement["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
            print("\n  " + sql[:300] + (" …" if len(sql) > 300 else ""))
            for (line,) in cursor.fetchall():
                print("    " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reseed", action="store_true",
                        help="seed again even if the database has the records")
    parser.add_argument("--no-optimise", action="store_true",
                        help="measure the table in random physical order (worst case): "
                             "no search_optimise after seeding")
    parser.add_argument("--engine", choices=["database", "elasticsearch"], default="database",
                        help="elasticsearch: measure it next to the database engine")
    args = parser.parse_args()
    if args.engine == "elasticsearch":
        os.environ.setdefault("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("bench/search.py measures the PostgreSQL engine: give a postgres:// URL")
    ensure_database(url)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed(args.records, optimise=not args.no_optimise, force=args.reseed)

    from search.engines import database_engine
    from search.engines.database import count_cap

    cap = count_cap()

    if args.engine == "elasticsearch":
        compare_engines(args)
        return

    from search.selectors import _did_you_mean

    engine = database_engine()
    queries = typical_queries(args.queries, random.Random(7))
    for query in queries[:20]:  # warm the connection and caches
        engine.search(query)
    timings, hits, by_size = [], 0, {"selective": [], "broad": []}
    suggested = 0
    for query in queries:
        start = time.perf_counter()
        result = engine.search(query)
        # As the search page does: "did you mean" for few or no results.
        suggested += bool(_did_you_mean(query, result.total))
        elapsed = (time.perf_counter() - start) * 1000
        timings.append(elapsed)
        hits += result.total
        by_size["broad" if result.total_capped else "selective"].append(elapsed)
    print(f"\n{len(queries)} queries with facets, on {args.records} records "
          f"(average {hits / len(queries):.0f} matches per query)")
    print(f"all        {summary(timings)}   (target p95 < 50 ms; stems, synonyms and "
          f"\"did you mean\" on: {suggested} suggestions made)")
    for name, values in by_size.items():
        label = f"> {cap} capped" if name == "broad" else f"<= {cap}"
        print(f"{name:10} {summary(values)}   ({len(values)} queries, {label} matches)")
    with open("/proc/loadavg") as load:
        print(f"load average during the run: {load.read().split()[0]} (2 cores)")
    explain()


def query_kind(query) -> str:
    if query.page > 1:
        return "page 2"
    if query.sort == "newest":
        return "newest first"
    if query.filters:
        return "with a facet filter"
    return "one word" if len(query.terms.words) == 1 else "two or three words"


def compare_engines(args) -> None:
    """Fill (or reuse) the Elasticsearch index with the same records, then time both
    engines on the same queries, per kind."""
    from elasticsearch import Elasticsearch

    from search.engines import database_engine
    from search.engines.elastic import MAPPING_VERSION, ElasticsearchEngine, mapping_version

    alias = "serambi-bench-search"
    es = ElasticsearchEngine(url=os.environ["ELASTICSEARCH_URL"], index=alias,
                             client_options={"request_timeout": 60})
    client: Elasticsearch = es.client
    have, current = 0, False
    if client.indices.exists_alias(name=alias):
        have = client.count(index=alias)["count"]
        current = {mapping_version(m) for m in client.indices.get_mapping(index=alias)
                   .body.values()} == {MAPPING_VERSION}
    if have != args.records or args.reseed or not current:
        print(f"rebuilding the Elasticsearch index with {args.records} records …", flush=True)
        start = time.perf_counter()
        es.rebuild(make_records(args.records, random.Random(20261128)), progress=lambda m: None)
        print(f"Elasticsearch full rebuild (index, refresh, alias swap): "
              f"{time.perf_counter() - start:.0f} s", flush=True)
        client.options(request_timeout=600).indices.forcemerge(index=alias, max_num_segments=1)
    else:
        print(f"reusing the Elasticsearch index ({have} records)")
    db = database_engine()
    queries = typical_queries(args.queries, random.Random(7))
    for query in queries[:20]:
        db.search(query)
        es.search(query)
    timings = {"database": {}, "elasticsearch": {}}
    for query in queries:
        kind = query_kind(query)
        for engine in (db, es):
            start = time.perf_counter()
            engine.search(query)
            timings[engine.name].setdefault(kind, []).append(
                (time.perf_counter() - start) * 1000)
    print(f"\n{len(queries)} queries with facets, on {args.records} records")
    kinds = ["one word", "two or three words", "with a facet filter", "newest first", "page 2"]
    for kind in [*kinds, "all"]:
        for name, by_kind in timings.items():
            values = ([v for vs in by_kind.values() for v in vs] if kind == "all"
                      else by_kind.get(kind, []))
            print(f"{kind:20} {name:14} {summary(values)}   ({len(values)} queries)")
    with open("/proc/loadavg") as load:
        print(f"load average during the run: {load.read().split()[0]} (2 cores)")


def summary(values: list[float]) -> str:
    if not values:
        return "-"
    values = sorted(values)
    p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return (f"median {median:6.1f} ms   p95 {p95:6.1f} ms   "
            f"max {values[-1]:6.1f} ms")


if __name__ == "__main__":
    main()
