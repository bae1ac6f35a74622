"""The reader's view of a built site (tests/site/reader_view.py): digests normalised away, and
the site compared with one built before a change when BASELINE_SITE names it."""

import os

import pytest

from tests.site.reader_view import differences, normalised


def test_digests_ports_and_the_starters_whitespace_are_normalised():
    before = ("<script>try{const worker=new Worker(\"w.js?v=0123456789\",{type:\"module\"});f()}catch(e){}</script>"
              "<a href='http://127.0.0.1:8000/x/'>models-abcdef0123</a> 'sha256-AbC+/=' ")
    after = ("<script>try {const worker = new Worker(\"w.js?v=fedcba9876\", { type: \"module\" });f();} catch (e) {}"
             "</script><a href='http://127.0.0.1:41234/x/'>models-0123abcdef</a> 'sha256-XyZ=' ")
    assert normalised(before) == normalised(after)


def test_numbers_and_text_are_not_normalised():
    assert normalised("<span data-output=\"x\">938美元</span>") != normalised("<span data-output=\"x\">939美元</span>")
    assert normalised("<p>成立</p>") != normalised("<p>不成立</p>")


@pytest.mark.skipif(not os.environ.get("BASELINE_SITE"), reason="BASELINE_SITE names no site built before")
def test_a_reader_sees_the_baseline_site(built_site):
    found = differences(os.environ["BASELINE_SITE"], built_site)
    assert not found, "\n".join(found)[:6000]
