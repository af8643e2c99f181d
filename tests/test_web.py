"""The web UI and JSON API: every endpoint, bad parameters (4xx with the reason, never 500), escaping of
scraped text and of query parameters, and the token that guards ingest."""
from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

from accord.store import Store
from accord.store.schema import documents, events, quotes
from accord.web import create_app

TOKEN = "test-token-" + uuid.uuid4().hex
SCRIPT = '<script>alert("owned")</script>'
HOSTILE_EVIDENCE = f'Japan <b onmouseover="steal()">pledged</b> patrol boats to the Philippines {SCRIPT}.'
# (day, source code, country, target code, country, quad class, goldstein, status, evidence)
ROWS = [
    ("2024-02-10", "JPNGOV", "JPN", "PHLGOV", "PHL", 1, 4.0, "occurred",
     "Tokyo and Manila agreed on Saturday to hold regular talks on maritime safety."),
    ("2024-02-12", "PHL", "PHL", "JPN", "JPN", 2, 6.0, "planned", HOSTILE_EVIDENCE),
    ("2024-03-01", "CHNCOP", "CHN", "PHL", "PHL", 4, -7.0, "occurred",
     "Chinese coast guard vessels blocked a Philippine resupply mission, officials in Manila said."),
]


def fill(store: Store, rows: list[tuple]) -> None:
    """One document holding these events (ROWS' form; a day of None is an undated event)."""
    with store.engine.begin() as conn:
        document_id = conn.execute(insert(documents).values(
            doc_id="web-test", url="javascript:alert(1)", content_hash=uuid.uuid4().hex, outlet=None,
            title=f"Harbour news {SCRIPT}", published=date(2024, 3, 2), text="Written for the web tests.",
            warnings="[]", coder_version="test", ingested_at=datetime(2024, 3, 2))).inserted_primary_key[0]
        conn.execute(insert(events), [{
            "document_id": document_id, "event_key": f"w{i}", "sentence": i, "evidence": evidence,
            "source_code": s, "source_country": sc, "source_name": f"{s} name", "target_code": t,
            "target_country": tc, "target_name": f"{t} name",
            "trigger_text": "pledged" if "pledged" in evidence else "x",
            "trigger_start": 0, "trigger_end": 1, "cameo": "040", "root": "04", "quad_class": quad, "goldstein": g,
            "plover_type": "CONSULT", "plover_context": "[]", "status": status, "date": day,
            "date_precision": "day" if day else None, "event_day": date.fromisoformat(day) if day else None,
            "coder_version": "test"}
            for i, (day, s, sc, t, tc, quad, g, status, evidence) in enumerate(rows)])


def client_over(tmp_path, rows: list[tuple]) -> TestClient:
    """A read-only app over a store of its own holding these events."""
    store = Store(f"sqlite:///{tmp_path / 'own.db'}")
    fill(store, rows)
    return TestClient(create_app(store, token=""))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = Store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'accord.db'}")
    fill(opened, ROWS)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def client(store, pipeline):
    return TestClient(create_app(store, token=TOKEN, pipeline=pipeline))


@pytest.fixture(scope="module")
def read_only(store):
    return TestClient(create_app(store, token=""))


def assert_escaped(body: str) -> None:
    assert SCRIPT not in body and "<script" not in body.lower()
    assert "onmouseover=" not in body.replace("onmouseover=&#34;", "")  # only ever as escaped text
    assert 'href="javascript:' not in body


def test_the_pages_show_pairs_actors_networks_and_search_results(client):
    overview = client.get("/")
    assert overview.status_code == 200 and "/pairs/JPN/PHL" in overview.text and "3 event reports" in overview.text
    pair = client.get("/pairs/jpn/phl")
    assert pair.status_code == 200
    assert 'src="/pairs/JPN/PHL/chart.svg?by=month"' in pair.text
    assert "Tokyo and Manila agreed on Saturday" in pair.text and "Chinese coast guard" not in pair.text
    assert "Evidence: 1 report" in pair.text and "Not counted here: 1 planned" in pair.text  # asserted by default
    assert "Evidence: 2 reports" in client.get("/pairs/jpn/phl?status=occurred,planned").text
    chart = client.get("/pairs/JPN/PHL/chart.svg?by=week")
    assert chart.headers["content-type"].startswith("image/svg+xml") and "<svg" in chart.text
    assert "JPN – PHL" in chart.text
    actor = client.get("/actors/PHL")
    assert actor.status_code == 200 and 'href="/pairs/PHL/CHN"' in actor.text
    network = client.get("/network?min_events=1")
    assert network.status_code == 200 and 'src="/network.svg?min_events=1&amp;level=country&amp;top=40"' in network.text
    assert client.get("/network.svg").text.count("<svg") == 1
    search = client.get("/events", params={"q": "coast GUARD", "actor": "chn"})
    assert search.status_code == 200 and "1 event " in search.text and "resupply" in search.text
    redirect = client.get("/pair?a=phl&b=chn", follow_redirects=False)
    assert redirect.status_code == 303 and redirect.headers["location"] == "/pairs/PHL/CHN"
    assert client.get("/static/style.css").status_code == 200


def test_the_json_api_answers_each_endpoint(client):
    series = client.get("/api/pairs/JPN/PHL/series", params={"by": "month", "since": "2024-01-01",
                                                             "status": "all"}).json()
    assert [(r["period"], r["direction"], r["events"]) for r in series["series"]][:4] == [
        ("2024-01", "JPN→PHL", 0), ("2024-01", "PHL→JPN", 0),
        ("2024-02", "JPN→PHL", 1), ("2024-02", "PHL→JPN", 1)]
    assert series["events"] == 2
    evidence = client.get("/api/pairs/PHL/JPN/events", params={"status": "planned"}).json()
    assert evidence["total"] == 1 and evidence["events"][0]["evidence"] == HOSTILE_EVIDENCE
    assert evidence["events"][0]["document"]["published"] == "2024-03-02"
    actor = client.get("/api/actors/PHL", params={"status": ["occurred", "planned"]}).json()
    assert {p["partner"]: p["events"] for p in actor["partners"]} == {"JPN": 2, "CHN": 1}
    network = client.get("/api/network", params={"level": "actor", "status": "all"}).json()
    assert {(e["source"], e["target"]) for e in network["edges"]} == {
        ("JPNGOV", "PHLGOV"), ("PHL", "JPN"), ("CHNCOP", "PHL")}
    found = client.get("/api/events", params={"quad_class": 4}).json()
    assert found["total"] == 1 and found["events"][0]["source"]["code"] == "CHNCOP"
    assert client.get("/api/events", params={"limit": 1, "offset": 1, "status": "all"}).json()["events"][0]["date"] \
        == "2024-02-12"
    overview = client.get("/api/overview", params={"status": "all"}).json()
    assert overview["counts"]["events"] >= 3 and overview["active_pairs"][0] == {"a": "JPN", "b": "PHL", "events": 2}
    reference = client.get("/api")
    assert reference.status_code == 200 and "GET /api/pairs/{a}/{b}/series" in reference.text
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN
    for url in ("/", "/api", "/pairs/JPN/PHL", "/network", "/events"):
        body = client.get(url).text
        assert 'src="http' not in body and 'stylesheet" href="http' not in body  # nothing loaded from elsewhere
    spec = client.get("/openapi.json").json()
    for path in ("/api/pairs/{a}/{b}/series", "/api/pairs/{a}/{b}/events", "/api/actors/{code}", "/api/network",
                 "/api/events", "/api/overview", "/api/documents"):
        assert path in spec["paths"], path


@pytest.mark.parametrize("url, status, reason", [
    ("/api/pairs/JPN/PHL/series?by=fortnight", 422, "by"),
    ("/api/pairs/JPN/PHL/series?since=2024-02-30", 400, "since='2024-02-30' is not a day"),
    ("/api/pairs/JPN/PHL/series?since=yesterday", 400, "is not a day"),
    ("/api/pairs/JPN/PHL/series?since=2024-05-01&until=2024-01-01", 400, "after it ends"),
    ("/api/pairs/JPN/JPN/series", 400, "two different actors"),
    ("/api/pairs/J1/PHL/events", 400, "'J1' is not an actor code"),
    ("/api/pairs/JPN/PHL/events?limit=0", 422, "limit"),
    ("/api/pairs/JPN/PHL/events?limit=100000", 422, "limit"),
    ("/api/pairs/JPN/PHL/events?offset=-1", 422, "offset"),
    ("/api/pairs/JPN/PHL/events?status=rumoured", 400, "'rumoured' is not a status"),
    ("/api/actors/%20", 400, "not an actor code"),
    ("/api/network?min_events=0", 422, "min_events"),
    ("/api/network?level=planet", 422, "level"),
    ("/api/network?actor=X", 400, "not an actor code"),
    ("/api/events?root=21", 400, "not a CAMEO root"),
    ("/api/events?quad_class=5", 422, "quad_class"),
    ("/api/events?limit=ten", 422, "limit"),
    ("/api/events?since=99999-01-01", 422, "since"),
    ("/api/overview?limit=1000", 422, "limit"),
    ("/pairs/JPN/PHL?page=0", 422, "page"),
    ("/pairs/JPN/PHL?by=day", 422, "by"),
    ("/network?until=2024-13-01", 400, "is not a day"),
    ("/api/events?offset=9990&limit=50", 400, "only the newest 10,000"),
    ("/api/pairs/JPN/PHL/events?offset=1000000", 400, "narrow the period"),
    ("/events?page=201", 400, "only the newest 10,000"),
    ("/pairs/JPN/PHL?page=401", 400, "only the newest 10,000"),
    ("/nowhere", 404, "Not Found"),
])
def test_bad_parameters_get_a_clear_4xx_never_a_500(client, url, status, reason):
    response = client.get(url)
    assert response.status_code == status, response.text
    assert reason in response.text


def test_scraped_text_and_query_parameters_come_back_escaped(client):
    for url in ("/", "/pairs/PHL/JPN", "/actors/JPN", "/events?q=pledged&status=all"):
        body = client.get(url).text
        assert_escaped(body)
        assert "Harbour news &lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in body
    pair = client.get("/pairs/PHL/JPN?status=planned").text
    assert "&lt;b onmouseover=&#34;steal()&#34;&gt;" in pair  # the evidence's HTML shown as text
    assert 'href="javascript:' not in pair and "javascript:alert(1)" not in pair  # never a link, never shown
    for url, params in [("/events", {"q": SCRIPT, "actor": "JPN"}),
                        ("/pairs/JPN/PHL", {"status": SCRIPT}),
                        ("/network", {"actor": SCRIPT}),
                        ("/actors/" + SCRIPT, {}),
                        ("/pairs/JPN/PHL", {"since": SCRIPT}),
                        ("/pairs/JPN/PHL", {"by": SCRIPT})]:
        response = client.get(url, params=params)
        assert response.status_code < 500
        assert_escaped(response.text)
    echoed = client.get("/events", params={"q": SCRIPT}).text
    assert 'value="&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;"' in echoed


def test_quotes_and_wildcards_in_a_search_are_text_not_sql(client):
    assert client.get("/api/events", params={"q": "' OR 1=1 --"}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "_"}).json()["total"] == 0
    assert client.get("/api/actors/JPN' OR '1'='1").status_code == 400


def test_ingest_is_refused_without_the_token_and_disabled_without_one(client, read_only):
    body = {"text": "Japan and the Philippines signed a defence pact in Manila on Monday.", "published": "2024-04-08"}
    disabled = read_only.post("/api/documents", json=body)
    assert disabled.status_code == 403 and "disabled" in disabled.json()["detail"]
    assert "/api/documents" not in read_only.get("/openapi.json").json()["paths"]
    missing = client.post("/api/documents", json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/documents", json=body, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403
    both = client.post("/api/documents", json={**body, "html": "<p>x</p>"},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert both.status_code == 422 and "exactly one of text or html" in both.text
    bad_date = client.post("/api/documents", json={**body, "published": "2024-02-30"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad_date.status_code == 422


def test_the_token_and_the_size_are_checked_before_the_body_is_read(client, read_only, monkeypatch):
    from accord.web.views import ingest

    not_json = b"{this is not json"
    missing = client.post("/api/documents", content=not_json, headers={"Content-Type": "application/json"})
    assert missing.status_code == 401 and "API token" in missing.json()["detail"]
    wrong = client.post("/api/documents", content=not_json,
                        headers={"Content-Type": "application/json", "Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403
    assert read_only.post("/api/documents", content=not_json).status_code == 403
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    monkeypatch.setattr(ingest, "MAX_BODY_BYTES", 1000)
    too_big = client.post("/api/documents", content=b"x" * 1001, headers=auth)
    assert too_big.status_code == 413 and "at most 1000 bytes" in too_big.json()["detail"]
    streamed = client.post("/api/documents", content=iter([b"x" * 600, b"x" * 600]), headers=auth)  # no length
    assert streamed.status_code == 413
    assert client.post("/api/documents", content=not_json, headers=auth).status_code == 422
    assert client.post("/api/documents", content=b"x" * 1001).status_code == 401  # no token: size never looked at


def test_a_document_posted_with_the_token_is_coded_stored_and_shown_escaped(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = ("Kenya and Ethiopia signed a trade agreement in Nairobi on Monday. "
            f"Both governments welcomed the deal. {SCRIPT} <img src=x onerror=alert(2)>")
    posted = client.post("/api/documents", headers=auth,
                         json={"text": text, "title": f"Trade {SCRIPT}", "published": "2024-04-08",
                               "url": "https://news.example/kenya-ethiopia"})
    assert posted.status_code == 201, posted.text
    assert posted.json()["action"] == "added" and posted.json()["events"] >= 1
    again = client.post("/api/documents", headers=auth, json={"text": text, "published": "2024-04-08",
                                                              "url": "https://news.example/kenya-ethiopia"})
    assert again.status_code == 200 and again.json()["action"] == "unchanged"
    page = client.get("/pairs/KEN/ETH")
    assert "a trade agreement in Nairobi" in page.text and 'href="https://news.example/kenya-ethiopia"' in page.text
    assert_escaped(page.text)
    assert "Trade &lt;script&gt;" in page.text
    empty = client.post("/api/documents", headers=auth, json={"text": "   "})
    assert empty.status_code == 422


def test_the_most_active_pairs_add_both_directions_before_ranking(tmp_path):
    said = "Written for the ranking test."
    rows = ([("2024-05-01", "USA", "USA", "MEX", "MEX", 1, 1.0, "occurred", said)] * 3
            + [("2024-05-02", "FRA", "FRA", "DEU", "DEU", 1, 1.0, "occurred", said)] * 2
            + [("2024-05-03", "DEU", "DEU", "FRA", "FRA", 1, 1.0, "occurred", said)] * 2
            + [("2024-05-04", "KEN", "KEN", "ETH", "ETH", 1, 1.0, "occurred", said)]
            + [("2024-05-05", "ETH", "ETH", "KEN", "KEN", 1, 1.0, "occurred", said)])
    client = client_over(tmp_path, rows)
    assert client.get("/api/overview", params={"limit": 1}).json()["active_pairs"] == [
        {"a": "DEU", "b": "FRA", "events": 4}]
    assert client.get("/api/overview", params={"limit": 3}).json()["active_pairs"] == [
        {"a": "DEU", "b": "FRA", "events": 4}, {"a": "MEX", "b": "USA", "events": 3},
        {"a": "ETH", "b": "KEN", "events": 2}]


def test_pages_go_as_deep_as_the_newest_ten_thousand_events(client, monkeypatch):
    from accord.store import database
    from accord.web.views import search

    assert client.get("/api/events", params={"offset": 9950, "limit": 50}).json()["events"] == []
    assert client.get("/events", params={"page": 200}).status_code == 200
    monkeypatch.setattr(database, "MAX_DEPTH", 2)  # as if the store held more events than are paged
    monkeypatch.setattr(search, "PER_PAGE", 1)
    page = client.get("/events", params={"page": 1})
    assert "page 1 of 2" in page.text and "only the newest 2 are paged" in page.text


def test_the_pair_pages_numbers_agree_with_its_status_filter_and_say_what_the_chart_leaves_out(tmp_path):
    said = "Written for the pair page test."
    client = client_over(tmp_path, [
        ("2024-05-01", "JPNGOV", "JPN", "PHLGOV", "PHL", 1, 2.0, "occurred", said),
        ("2024-05-02", "PHLGOV", "PHL", "JPNGOV", "JPN", 1, 3.0, "planned", said),
        (None, "JPNGOV", "JPN", "PHLGOV", "PHL", 1, 4.0, "planned", said),
        (None, "KENGOV", "KEN", "ETHGOV", "ETH", 1, 1.0, "occurred", said)])
    planned = client.get("/pairs/JPN/PHL", params={"status": "planned"}).text
    assert "Evidence: 2 reports" in planned
    assert '<td>JPN→PHL</td><td class="num">0</td>' in planned
    assert '<td>PHL→JPN</td><td class="num">1</td>' in planned
    assert "1 undated event is listed below but not in the chart" in planned
    assert 'chart.svg?by=month&amp;status=planned"' in planned
    series = client.get("/api/pairs/JPN/PHL/series", params={"status": "planned"}).json()
    assert series["events"] == 1 and series["statuses"] == ["planned"]
    every = client.get("/pairs/JPN/PHL?status=all").text
    assert '<td>JPN→PHL</td><td class="num">1</td>' in every and "1 undated event is listed" in every
    assert "undated" not in client.get("/pairs/JPN/PHL", params={"since": "2024-01-01"}).text
    only_undated = client.get("/pairs/KEN/ETH").text
    assert "No dated events between KEN and ETH." in only_undated and "1 undated event is listed" in only_undated


def test_the_highlighted_trigger_is_the_events_own_word_not_a_piece_of_another():
    from accord.web.events_json import evidence_parts

    said = "The minister said Japan would send aid to Manila."
    row = {"evidence": said, "trigger_text": "aid", "trigger_start": 532, "trigger_end": 535,
           "source_text": None, "source_start": None, "target_text": None, "target_start": None}
    assert evidence_parts(row) == ("The minister said Japan would send ", "aid", " to Manila.")
    twice = "Japan said aid to Manila would grow, and Tokyo will send aid to Manila soon."
    at = 1000  # where the sentence starts in its document (not stored: found from the source's offsets)
    row = {"evidence": twice, "trigger_text": "aid", "trigger_start": at + twice.rindex("aid"),
           "trigger_end": at + twice.rindex("aid") + 3,
           "source_text": "Tokyo", "source_start": at + twice.index("Tokyo"),
           "target_text": "Manila", "target_start": at + twice.index("Manila")}
    assert evidence_parts(row) == (twice[:twice.rindex("aid")], "aid", " to Manila soon.")
    assert evidence_parts({**row, "trigger_text": "gave"}) == (twice, "", "")  # not there as a word: no mark


def test_an_event_page_marks_the_trigger_word(tmp_path):
    client = client_over(tmp_path, [("2024-05-01", "JPNGOV", "JPN", "PHLGOV", "PHL", 2, 3.0, "occurred",
                                     "The minister said Japan pledged aid to Manila.")])
    assert "said Japan <mark>pledged</mark> aid" in client.get("/pairs/JPN/PHL").text


def test_every_event_shows_its_code_with_its_name_and_the_legend_explains_every_code(client):
    for url in ("/", "/pairs/JPN/PHL", "/actors/PHL", "/events", "/documents/1"):
        body = client.get(url).text
        assert '<a class="what" href="/legend#cameo-040"' in body and "040 Consult, not specified below" in body, url
        assert 'title="PLOVER CONSULT: Meet, talk, visit' in body and 'title="The text says it happened"' in body
    legend = client.get("/legend").text
    assert '<tr id="cameo-0211"' in legend and "Appeal for economic cooperation" in legend
    assert '<tr id="plover-CONSULT">' in legend and "<dt>phone</dt><dd>The sides talk by telephone" in legend
    assert '<tr id="status-alleged">' in legend
    data = client.get("/api/legend").json()
    assert len(data["cameo"]) == 314 and {"code": "042", "name": "Make a visit"}.items() <= data["cameo"][
        [c["code"] for c in data["cameo"]].index("042")].items()
    assert [s["status"] for s in data["statuses"] if s["asserted"]] == ["occurred", "ongoing"]
    event = client.get("/api/events", params={"quad_class": 4}).json()["events"][0]
    assert event["cameo_name"] == "Consult, not specified below" and event["document"]["page"] == "/documents/1"


def test_every_list_and_chart_downloads_whole_as_csv_and_json(client):
    def table(url, **params):
        response = client.get(url, params=params)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/csv")
        assert response.headers["content-disposition"].startswith('attachment; filename="accord-')
        return list(csv.DictReader(io.StringIO(response.text)))

    every = table("/api/events", format="csv", limit=1)  # a download is the whole list, not a page
    assert len(every) == client.get("/api/events").json()["total"] >= 3
    ours = [r for r in every if r["doc_id"] == "web-test"]  # (other tests post documents to this store)
    assert {(r["cameo"], r["cameo_name"]) for r in ours} == {("040", "Consult, not specified below")}
    assert {r["evidence"] for r in table("/api/events", format="csv", q="coast guard")} == {ROWS[2][8]}
    lines = client.get("/api/events", params={"format": "jsonl", "actor": "CHN"}).text.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["document"]["page"] == "/documents/1"
    assert len(table("/api/pairs/JPN/PHL/events", format="csv")) == 1  # the asserted one, as on the page
    assert len(table("/api/pairs/JPN/PHL/events", format="csv", status="all")) == 2
    assert [(r["period"], r["direction"], r["events"], r["not_asserted"])
            for r in table("/api/pairs/JPN/PHL/series", format="csv", status="all")] == [
        ("2024-02", "JPN→PHL", "1", "0"), ("2024-02", "PHL→JPN", "1", "1")]
    assert {(r["source"], r["target"]) for r in table("/api/network", format="csv")} >= {("CHN", "PHL"), ("JPN", "PHL")}
    assert {r["partner"]: r["events"] for r in table("/api/actors/PHL", format="csv", status="all")} == {
        "JPN": "2", "CHN": "1"}
    assert [(r["period"], r["events"]) for r in table("/api/trend", format="csv", actor="CHN")] == [("2024-03", "1")]
    assert client.get("/api/trend", params={"actor": "CHN"}).json()["events"] == 1
    quotations = client.get("/api/quotes", params={"format": "csv"})
    assert quotations.text.startswith("id,kind,speaker_code,speaker_country,speaker_name,speaker_text,cue_text,text,")
    links = {url: client.get(url).text for url in ("/", "/actors/PHL", "/pairs/JPN/PHL", "/network", "/events?q=coast")}
    assert 'href="/api/trend?format=csv" download' in links["/"]
    assert 'href="/api/trend?actor=PHL&amp;format=csv" download' in links["/actors/PHL"]
    assert 'href="/api/actors/PHL?format=csv" download' in links["/actors/PHL"]
    assert 'href="/api/pairs/JPN/PHL/series?by=month&amp;format=csv" download' in links["/pairs/JPN/PHL"]
    assert 'href="/api/pairs/JPN/PHL/events?format=jsonl" download' in links["/pairs/JPN/PHL"]
    assert 'href="/api/network?min_events=1&amp;level=country&amp;top=40&amp;format=csv" download' in links["/network"]
    assert 'href="/api/events?q=coast&amp;format=csv" download' in links["/events?q=coast"]


def test_a_download_never_hands_a_spreadsheet_a_formula_from_scraped_text(tmp_path):
    client = client_over(tmp_path, [("2024-05-01", "JPNGOV", "JPN", "PHLGOV", "PHL", 1, 2.0, "occurred",
                                     '=HYPERLINK("http://evil.example","click") Japan met the Philippines.')])
    body = client.get("/api/events", params={"format": "csv"}).text
    assert ',"\'=HYPERLINK(""http://evil.example"",""click"") Japan met the Philippines.",' in body
    assert ",2.0," in body  # numbers stay numbers


def document_store(tmp_path) -> TestClient:
    """A document whose text, title, warnings and quotation hold markup, with one event and one quotation
    at known offsets."""
    text = f'Japan pledged patrol boats to the Philippines. "We stand together {SCRIPT}," Kishida said.'
    store = Store(f"sqlite:///{tmp_path / 'document.db'}")
    with store.engine.begin() as conn:
        document_id = conn.execute(insert(documents).values(
            doc_id="doc-test", url="https://news.example/boats", content_hash=uuid.uuid4().hex,
            outlet="news.example", title=f"Boats {SCRIPT}", published=date(2024, 3, 2), text=text,
            warnings=json.dumps([f"no dateline understood: {SCRIPT}"]), coder_version="test",
            ingested_at=datetime(2024, 3, 2))).inserted_primary_key[0]
        conn.execute(insert(events).values(
            document_id=document_id, event_key="d0", sentence=0, evidence=text[:46], source_code="JPN",
            source_country="JPN", source_name="Japan", source_text="Japan", source_start=0, source_end=5,
            target_code="PHL", target_country="PHL", target_name="Philippines", target_text="the Philippines",
            target_start=text.index("the Philippines"), target_end=text.index("the Philippines") + 15,
            trigger_text="pledged", trigger_start=6, trigger_end=13, cameo="0331", root="03", quad_class=1,
            goldstein=5.2, plover_type="AGREE", plover_context="[]", status="intended", date="2024-03-02",
            date_precision="day", event_day=date(2024, 3, 2), coder_version="test"))
        start = text.index('"') + 1
        conn.execute(insert(quotes).values(
            document_id=document_id, text=text[start:text.index(',"')], start=start, end=text.index(',"'),
            sentence=1, kind="direct", speaker_code="JPNGOV", speaker_country="JPN", speaker_name="Fumio Kishida",
            speaker_text="Kishida", speaker_start=text.index("Kishida"), speaker_end=text.index("Kishida") + 7,
            cue_text="said", cue_start=text.index("said"), cue_end=text.index("said") + 4))
    return TestClient(create_app(store, token=""))


def test_a_document_page_marks_its_events_and_quotations_in_its_escaped_text(tmp_path):
    client = document_store(tmp_path)
    page = client.get("/documents/1")
    assert page.status_code == 200
    body = page.text
    assert_escaped(body)
    assert ('<span class="actor" title="JPN">Japan</span> <span class="trigger" title="0331 Express intent to '
            'provide economic aid (intended)"><a href="#event-1">pledged</a></span> patrol boats to '
            '<span class="actor" title="PHL">the Philippines</span>') in body
    assert '<span class="quote" title="direct quotation: JPNGOV">We stand together &lt;script&gt;' in body
    assert '<span class="speaker" title="speaker: JPNGOV">Kishida</span> <span class="cue"' in body
    assert '<li class="event quad1" id="event-1">' in body
    assert '<li class="quote-card kind-direct" id="quote-1">' in body
    assert "no dateline understood: &lt;script&gt;" in body and "Boats &lt;script&gt;" in body
    assert 'href="https://news.example/boats"' in body
    data = client.get("/api/documents/1").json()
    assert data["text"].startswith("Japan pledged") and data["warnings"] == [f"no dateline understood: {SCRIPT}"]
    assert data["events"][0]["offsets"]["trigger_start"] == 6
    assert data["quotes"][0]["speaker"]["name"] == "Fumio Kishida"
    assert client.get("/documents/2").status_code == 404 and "no document 2" in client.get("/api/documents/2").text
    assert 'href="/documents/1#event-1"' in client.get("/pairs/JPN/PHL?status=all").text  # every event card links to it


def test_the_quotations_page_and_api_answer_what_kishida_said_about_china(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = ('Japanese Prime Minister Fumio Kishida said on Monday that China must respect the rules of the sea. '
            '"We will defend our islands <script>alert(1)</script>," Kishida told reporters in Tokyo.')
    posted = client.post("/api/documents", headers=auth, json={"text": text, "published": "2024-04-08",
                                                               "url": "https://news.example/kishida-china"})
    assert posted.status_code == 201, posted.text
    found = client.get("/api/quotes", params={"name": "Kishida", "q": "China"}).json()
    assert found["total"] == 1 and "China must respect the rules" in found["quotes"][0]["text"]
    assert found["quotes"][0]["speaker"]["code"].startswith("JPN") and found["quotes"][0]["cue"] == "said"
    assert client.get("/api/quotes", params={"speaker": "jpn", "kind": "direct"}).json()["total"] == 1
    page = client.get("/quotes", params={"name": "Kishida"}).text
    assert_escaped(page)
    assert "We will defend our islands &lt;script&gt;alert(1)&lt;/script&gt;" in page and "2 quotations" in page
    assert f'href="/documents/{posted.json()["document_id"]}#quote-' in page
    lines = client.get("/api/quotes", params={"name": "Kishida", "format": "jsonl"}).text.splitlines()
    assert len(lines) == 2


def test_the_new_endpoints_are_described_and_refuse_bad_parameters(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/quotes", "/api/documents/{document_id}", "/api/legend", "/api/trend"):
        assert path in paths, path
    for url, status, reason in [("/api/quotes?kind=verbatim", 400, "not a kind of quotation"),
                                ("/api/quotes?speaker=J1", 400, "not an actor code"),
                                ("/documents/0", 422, "document_id"), ("/documents/abc", 422, "document_id"),
                                ("/api/documents/3000000000", 422, "document_id"),  # past an INTEGER column
                                ("/api/events?format=xml", 422, "format"), ("/api/trend?by=day", 422, "by"),
                                ("/api/trend?actor=%3Cb%3E", 400, "not an actor code"),
                                ("/api/network?format=jsonl", 422, "format")]:
        response = client.get(url)
        assert response.status_code == status and reason in response.text, (url, response.text)
        assert_escaped(response.text)


# ---------------------------------------------------------------------- issue 16: statuses, names, the network
def test_the_pages_count_asserted_events_take_several_statuses_and_show_the_others_apart(tmp_path):
    said = "Written for the status test."
    client = client_over(tmp_path, [
        ("2024-05-01", "PHLGOV", "PHL", "CHNGOV", "CHN", 1, 1.0, "negated", said),
        ("2024-05-01", "CHNGOV", "CHN", "PHLGOV", "PHL", 1, 1.0, "negated", said),
        ("2024-05-02", "CHNCOP", "CHN", "PHL", "PHL", 4, -7.0, "occurred", said),
        ("2024-05-03", "PHL", "PHL", "CHN", "CHN", 1, 4.0, "planned", said)])
    page = client.get("/pairs/PHL/CHN").text
    assert "Evidence: 1 report" in page and "Not counted here: 1 planned, 2 negated" in page
    assert 'value="occurred" checked' in page and 'value="negated">' in page
    assert 'href="/pairs/PHL/CHN?by=month&amp;status=occurred%2Congoing%2Cplanned%2Cnegated"' in page
    repeated = client.get("/pairs/PHL/CHN?status=occurred&status=negated").text
    assert "Evidence: 3 reports" in repeated and 'value="negated" checked' in repeated
    assert "events not asserted (planned, intended, ...) are hatched" in repeated
    chart = client.get("/pairs/PHL/CHN/chart.svg?status=occurred,negated").text
    assert "not asserted: negated" in chart and "occurred, negated events" in chart
    series = client.get("/api/pairs/PHL/CHN/series", params={"status": "occurred,negated"}).json()
    assert series["events"] == 3 and series["statuses"] == ["occurred", "negated"]
    assert sum(r["not_asserted"] for r in series["series"]) == 2
    assert client.get("/api/network").json()["edges"] == [
        {"source": "CHN", "target": "PHL", "events": 1, "cooperation": 0, "conflict": 1, "goldstein_sum": -7.0,
         "goldstein_mean": -7.0}]
    overview = client.get("/").text
    assert "1 reports (occurred, ongoing)" in overview  # the store was never grouped
    assert client.get("/api/overview", params={"status": "negated"}).json()["active_pairs"] == [
        {"a": "CHN", "b": "PHL", "events": 2}]
    actor = client.get("/actors/PHL").text
    assert "Not counted here: 1 planned, 2 negated" in actor
    assert client.get("/api/events", params={"status": ["planned", "negated"]}).json()["total"] == 3
    bad = client.get("/api/pairs/PHL/CHN/events", params={"status": "occured"})
    assert bad.status_code == 400 and "did you mean 'occurred'" in bad.json()["detail"]


def test_names_resolve_to_codes_in_the_pair_box_the_pages_and_the_api(client):
    jump = client.get("/pair", params={"a": "Japan", "b": "the Philippines"}, follow_redirects=False)
    assert jump.status_code == 303 and jump.headers["location"] == "/pairs/JPN/PHL"
    assert client.get("/api/pairs/Japan/Philippines/events").json()["a"] == "JPN"
    assert client.get("/api/actors/China").json()["code"] == "CHN"
    chinese = client.get("/api/events", params={"actor": "Chinese"}).json()["total"]
    assert chinese == client.get("/api/events", params={"actor": "CHN"}).json()["total"] >= 1
    typo = client.get("/pair", params={"a": "Japna", "b": "PHL"})
    assert typo.status_code == 400 and "did you mean JPN (Japan)" in typo.text
    assert "did you mean" in client.get("/api/network", params={"actor": "Phillipines"}).json()["detail"]


def test_the_network_page_shows_the_busiest_actors_without_unknown_ones_and_an_ego_network(tmp_path):
    said = "Written for the network page test."
    client = client_over(tmp_path, [
        ("2024-05-01", "---", None, "PHL", "PHL", 3, -2.0, "occurred", said),
        ("2024-05-01", "---", None, "PHL", "PHL", 3, -2.0, "occurred", said),
        ("2024-05-02", "CHN", "CHN", "PHL", "PHL", 4, -7.0, "occurred", said),
        ("2024-05-03", "VNM", "VNM", "PHL", "PHL", 1, 1.0, "occurred", said),
        ("2024-05-04", "VNM", "VNM", "CHN", "CHN", 3, -2.0, "occurred", said)])
    page = client.get("/network").text
    assert "3 actors" in page and "---" not in page.split("<h2>Busiest relations</h2>")[1]
    assert "left out" in page and 'class="tone conflict"' in page and 'class="tone cooperation"' in page
    assert "---" in client.get("/network", params={"unknown": "true"}).text.split("<h2>Busiest relations</h2>")[1]
    assert "the busiest of 3" in client.get("/network", params={"top": 2}).text
    ego = client.get("/api/network", params={"actor": "Vietnam"}).json()
    assert ego["actor"] == "VNM" and {(e["source"], e["target"]) for e in ego["edges"]} == {
        ("VNM", "PHL"), ("VNM", "CHN"), ("CHN", "PHL")}
    assert client.get("/network.svg", params={"actor": "VNM"}).text.count("<svg") == 1
