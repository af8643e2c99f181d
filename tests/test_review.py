"""The review workbench (web/views/review.py): every write needs the token, a signed-in analyst and the
form's CSRF value; inputs are checked; corrections show on the pages, in the downloads and the exports."""
from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import date

import pytest
from fastapi.testclient import TestClient

from accord.ingest.readers import from_text
from accord.store import Store
from accord.web import create_app

TOKEN = "review-token-" + uuid.uuid4().hex
TEXT = "Japan and the Philippines signed a defence pact in Manila on Monday. China condemned the pact on Tuesday."


@pytest.fixture
def store(rules_pipeline, tmp_path):
    opened = Store(f"sqlite:///{tmp_path / 'review.db'}")
    (coded,) = list(rules_pipeline.code_documents([from_text(TEXT, "r", "r", published=date(2024, 4, 8))]))
    opened.add_document(coded)
    yield opened
    opened.close()


def event_id(store, trigger, source):
    (found,) = [e for e in store.document(1)["events"] if e["trigger_text"] == trigger and e["source_code"] == source]
    return found["id"]


def signed_in(client: TestClient, back: str = "/pairs/JPN/PHL") -> str:
    """Sign in as 'ana'; the CSRF value of the forms on the page ``back``."""
    answer = client.post("/review/login", data={"analyst": "ana", "token": TOKEN, "back": back},
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == back
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get(back).text).group(1)


def test_every_write_needs_the_token_a_signed_in_analyst_and_the_forms_csrf_value(store):
    signed = event_id(store, "signed", "JPN")
    closed = TestClient(create_app(store, token=""))  # no token configured: no write at all
    assert closed.post(f"/review/events/{signed}", data={"verdict": "wrong"}).status_code == 403
    assert closed.post("/review/login", data={"analyst": "ana", "token": "x"}).status_code == 403
    assert closed.post(f"/api/events/{signed}/corrections", json={"analyst": "a", "verdict": "wrong"},
                       headers={"Authorization": "Bearer x"}).status_code == 403
    assert 'name="csrf"' not in closed.get("/pairs/JPN/PHL").text

    client = TestClient(create_app(store, token=TOKEN))
    assert client.post(f"/review/events/{signed}", data={"verdict": "wrong"}).status_code == 403  # not signed in
    assert client.post("/review/login", data={"analyst": "ana", "token": "wrong"}).status_code == 403
    assert 'name="csrf"' not in client.get("/pairs/JPN/PHL").text
    csrf = signed_in(client)
    assert client.post(f"/review/events/{signed}", data={"verdict": "wrong"}).status_code == 403  # no CSRF value
    assert client.post(f"/review/events/{signed}", data={"verdict": "wrong", "csrf": "0" * 32}).status_code == 403
    assert client.post(f"/review/events/{signed}", data={"verdict": "wrong", "csrf": csrf},
                       headers={"Origin": "https://elsewhere.example"}).status_code == 403
    assert client.post(f"/review/events/{signed}", data={"verdict": "wrong", "csrf": csrf},
                       headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    forged = TestClient(create_app(store, token=TOKEN), cookies={"accord_review": "YW5h.0123"})
    assert forged.post(f"/review/events/{signed}", data={"verdict": "wrong", "csrf": csrf}).status_code == 403
    assert client.post(f"/api/events/{signed}/corrections",
                       json={"analyst": "a", "verdict": "wrong"}).status_code == 401
    assert client.post(f"/api/events/{signed}/corrections", json={"analyst": "a", "verdict": "wrong"},
                       headers={"Authorization": "Bearer nope"}).status_code == 403
    assert store.corrections() == []
    answer = client.post(f"/review/events/{signed}", data={"verdict": "wrong", "csrf": csrf,
                                                           "back": "//evil.example/x"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/review#event-{signed}"
    assert [(c["analyst"], c["verdict"]) for c in store.corrections()] == [("ana", "wrong")]


def test_bad_values_are_refused_with_the_reason_and_nothing_is_stored(store):
    client = TestClient(create_app(store, token=TOKEN))
    csrf = signed_in(client)
    signed = event_id(store, "signed", "JPN")
    for bad, reason in (({"code": "999"}, "not a CAMEO event code"), ({"date": "2024-13-01"}, "not a day"),
                        ({"status": "wrong"}, "not a status"), ({"source": "Atlantis!"}, "not an actor code"),
                        ({"verdict": "maybe"}, "not one of right, wrong, corrected")):
        answer = client.post(f"/review/events/{signed}", data={"verdict": "corrected", "csrf": csrf, **bad})
        assert answer.status_code == 400 and reason in answer.text, (bad, answer.text[-400:])
    assert client.post("/review/events/99999", data={"verdict": "right", "csrf": csrf}).status_code == 404
    assert client.post(f"/api/events/{signed}/corrections", json={"verdict": "right", "analyst": ["x"]},
                       headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422
    assert store.corrections() == []


def test_a_correction_shows_on_the_pair_page_in_the_download_and_the_export(store):
    client = TestClient(create_app(store, token=TOKEN))
    csrf = signed_in(client)
    signed = event_id(store, "signed", "JPN")
    answer = client.post(f"/review/events/{signed}", data={"verdict": "corrected", "csrf": csrf, "code": "0311",
                                                           "back": "/pairs/JPN/PHL"}, follow_redirects=False)
    assert answer.status_code == 303
    card = re.search(rf'<li class="event[^"]*" id="event-{signed}">(.*?)</li>', client.get("/pairs/JPN/PHL").text,
                     re.S).group(1)
    assert "0311" in card and ">corrected</a>" in card and "the coder said: cameo 057" in card
    listed = client.get("/api/pairs/JPN/PHL/events?format=csv").text
    row = {int(r["id"]): r for r in csv.DictReader(io.StringIO(listed))}[signed]
    assert row["cameo"] == "0311" and row["correction_id"] and '"cameo": "057"' in row["coded"]
    page = client.get(f"/review/events/{signed}").text
    assert "<td>ana</td><td>corrected</td>" in page and "cameo 0311" in page and "cameo 057" in page
    history = client.get(f"/api/events/{signed}/corrections").json()
    assert [(c["analyst"], c["fields"]["cameo"], c["coded"]["cameo"]) for c in history["corrections"]] == \
        [("ana", "0311", "057")]

    from accord.export import export

    out = io.StringIO()
    export(store, "csv", None, out)
    exported = {int(r["id"]): r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert exported[signed]["cameo"] == "0311" and exported[signed]["root"] == "03"


def test_the_review_sample_gives_the_precision_with_its_interval(store):
    client = TestClient(create_app(store, token=TOKEN))
    assert "Events no analyst has reviewed yet" in client.get("/review").text
    csrf = signed_in(client, back="/review?order=sample&size=10")
    assert "no event reviewed yet" in client.get("/review?order=sample&size=10").text
    ids = [e["id"] for e in store.document(1)["events"]]
    for number, verdict in zip(ids, ("right", "right", "wrong")):
        client.post(f"/review/events/{number}", data={"verdict": verdict, "csrf": csrf})
    page = client.get("/review?order=sample&size=10").text
    assert "of 3 reviewed, 2 right: precision 0.67 (95% interval 0.21–0.94)" in page
    assert client.get("/review").text.count('class="event ') == 0  # every event reviewed: the queue is empty
    assert client.post("/review/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    client.cookies.clear()
    assert client.post(f"/review/events/{ids[0]}", data={"verdict": "wrong", "csrf": csrf}).status_code == 403


def test_a_correction_moves_its_bar_in_the_pair_chart_at_once(store):
    """The chart is drawn from the corrected rows and is not served from the chart cache the correction made
    old (before: the store's change marks were trusted for a second, so the page a correction leads to showed
    the uncorrected chart)."""
    client = TestClient(create_app(store, token=TOKEN))
    csrf = signed_in(client)
    signed = event_id(store, "signed", "JPN")

    def bars(quad: str) -> int:
        svg = client.get("/pairs/JPN/PHL/chart.svg?by=month").text
        groups = re.findall(rf'<g id="{quad}-(?:above|below)">(.*?)</g>', svg, re.S)
        return sum(group.count("<path") for group in groups)

    assert bars("verbal_cooperation") == 2 and bars("verbal_conflict") == 0  # signed, both ways
    client.post(f"/review/events/{signed}", data={"verdict": "corrected", "csrf": csrf, "code": "112"})
    assert bars("verbal_conflict") == 1 and bars("verbal_cooperation") == 1


def test_the_review_queue_pages_by_keyset_in_confidence_order_from_its_index(db_url):
    from accord.store.schema import REVIEW_ORDER, events

    from .conftest import write_events

    store = Store(db_url)
    confidences = [None, 0.9, 0.2, 0.2, None, 0.55, 0.2, 1.0, 0.0, 0.55, 0.3, 0.2]
    write_events(store, "queue", date(2024, 4, 8), [
        {"evidence": f"Event {i}.", "cameo": "040", "root": "04", "quad_class": 1, "goldstein": 1.0,
         "status": "occurred", "confidence": c} for i, c in enumerate(confidences)])
    everything = store.review_queue(limit=100)
    expected = sorted(everything, key=lambda r: (-1.0 if r["confidence"] is None else r["confidence"], r["id"]))
    assert [r["id"] for r in everything] == [r["id"] for r in expected] and len(everything) == len(confidences)
    store.correct_event(everything[3]["id"], verdict="right", analyst="ana")  # reviewed: out of the queue
    paged, after = [], None
    while page := store.review_queue(limit=3, after=after):
        paged += page
        after = (page[-1]["confidence"], page[-1]["id"])
    assert [r["id"] for r in paged] == [r["id"] for r in everything if r["id"] != everything[3]["id"]]
    if store.sqlite:  # the page is read from the index in order, never sorted
        from sqlalchemy import select

        query = (select(events.c.id).where(events.c.correction_id.is_(None), REVIEW_ORDER >= 0.2)
                 .order_by(REVIEW_ORDER, events.c.id).limit(50))
        with store.engine.connect() as conn:
            plan = " ".join(row[-1] for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))))
        assert "ix_events_review_queue" in plan and "TEMP B-TREE" not in plan, plan
    store.close()


def test_the_review_page_links_its_next_page_of_the_queue(store, monkeypatch):
    from accord.web.views import review

    monkeypatch.setattr(review, "QUEUE_PAGE", 2)
    client = TestClient(create_app(store, token=TOKEN))
    queue = [r["id"] for r in store.review_queue(limit=100)]
    first = client.get("/review").text
    following = re.search(r'href="/review\?after=([^"]+)">next 2', first).group(1)
    second = client.get(f"/review?after={following}").text
    assert [int(i) for i in re.findall(r'id="event-(\d+)"', first + second)] == queue[:4]
    assert client.get("/review?after=nonsense").status_code in (400, 422)
