"""A draft program linked from a published outcome stays out of the outcome page and the
open data (test_visibility.py reads its pages built once per module; this test builds its
own)."""

import json

import pytest

from tests.publications import factories as f

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def test_hidden_program_is_absent_from_an_outcome_and_the_export(client, tree, area):
    draft = f.add_draft(
        f.program_page(title="Program Draf", slug="program-draf", area=area), parent=tree.programs
    )
    outcome = f.publish(f.outcome_page(programs=[draft], indicators=1), parent=tree.outcomes)
    assert "Program Draf" not in client.get(outcome.url).content.decode()
    rows = json.loads(_text(client.get("/data/outcome-indicators.json")))["rows"]
    assert rows and rows[0]["program_ids"] is None
