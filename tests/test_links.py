"""Only whole, clean web addresses become links, in every export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write
from imfhist.common.safety import safe_url

HOSTILE_URLS = ["https://example.org/\r[click me](javascript:alert(1))",
                "https://example.org/\n[click me](javascript:alert(1))",
                "https://example.org/ [click me](javascript:alert(1))",
                "https://example.org/>[click me](javascript:alert(1))",
                "https://example.org/\u202e", "https://example.org/\x1b]8;;x",
                "javascript:alert(1)//https://example.org", " javascript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "https://ex\"onmouseover=alert(1)"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_no_link_is_made_of_a_hostile_url(run, tmp_path: Path, url: str) -> None:
    path = write(tmp_path, "format: imfhist/1\nsources:\n"
                 f"  - {{id: p, title: Page, url: {json.dumps(url)}}}\nevents:\n"
                 "  - {id: one, title: One, date: '2004', "
                 "sources: [{ref: p, quote: 'It happened as the page says.'}]}\n")
    assert safe_url(url) is None
    result = run("validate", "--format", "json", path)
    assert result.exit_code == 1 and "source-url" in result.stdout
    markdown = run("export", "--format", "markdown", "-f", path).stdout
    assert "](" not in markdown and "javascript" not in markdown.lower().replace("\\", "")
    for export in ("html", "timelinejs"):
        text = run("export", "--format", export, "-f", path).stdout
        assert 'href="https://example' not in text.replace('\\"', '"'), export
        assert 'href="javascript' not in text.replace('\\"', '"').lower(), export


def test_clean_urls_are_links(run) -> None:
    assert safe_url("https://www.imf.asso.fr/pages/?page_id=4398") is not None
    assert safe_url("mailto:contact@example.org") is not None
    markdown = run("export", "--format", "markdown").stdout
    assert "(<https://www.imf.asso.fr/pages/?page_id=4398>)" in markdown
