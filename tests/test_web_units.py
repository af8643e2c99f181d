"""The web counts real-world events (the event records of `accord group`) by default and reports one click
away (web/counting.py): every page, chart, API answer and download that counts takes ``unit``; stale or
absent event records are never regrouped inside a request: reports are counted, and the page says so."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, select, update

from accord.analysis.grouping import summarise
from accord.store import Store
from accord.store.schema import events
from accord.web import create_app

from .conftest import database_url
from .test_web import fill

SAID = "Written for the unit test."
# (day, source code, country, target code, country, quad class, goldstein, status, evidence), by report
ROWS = [
    ("2024-03-04", "RUSMIL", "RUS", "UKRMIL", "UKR", 4, -10.0, "occurred", SAID),  # 0-2: one strike,
    ("2024-03-04", "RUS", "RUS", "UKR", "UKR", 4, -10.0, "occurred", SAID),  # in three reports
    ("2024-03-05", "RUSMIL", "RUS", "UKR", "UKR", 4, -10.0, "occurred", SAID),
    ("2024-03-20", "RUS", "RUS", "UKR", "UKR", 4, -10.0, "occurred", SAID),  # 3: another, alone
    ("2024-03-06", "UKR", "UKR", "RUS", "RUS", 4, -10.0, "negated", SAID),  # 4: a denied one
    (None, "RUS", "RUS", "UKR", "UKR", 4, -10.0, "occurred", SAID),  # 5: undated
]
CONFIDENCE = [0.9, 0.9, 0.2, 0.2, 0.9, 0.2]
RECORDS = [(0, 1, 2), (3,), (4,), (5,)]


@pytest.fixture(params=["sqlite", "postgresql"])
def grouped(request, tmp_path_factory):
    """A store whose six reports are four event records (grouped here, by RECORDS), and a client over it."""
    with database_url(request.param, tmp_path_factory.mktemp("web-units")) as url:
        store = Store(url)
        fill(store, ROWS)
        with store.engine.begin() as conn:
            for n, confidence in enumerate(CONFIDENCE):
                conn.execute(update(events).where(events.c.event_key == f"w{n}").values(confidence=confidence))
        reports = sorted(store.reports_to_group(), key=lambda r: r["id"])
        store.replace_event_records([(summarise([reports[i] for i in rows]), [reports[i]["id"] for i in rows])
                                     for rows in RECORDS])
        assert not store.grouping_stale()
        yield store, TestClient(create_app(store, token=""))
        store.close()


def both(client: TestClient, path: str, **params) -> tuple:
    """The JSON answers by event (the default) and by report."""
    by_event = client.get(path, params=params)
    by_report = client.get(path, params={**params, "unit": "report"})
    assert by_event.status_code == by_report.status_code == 200, (by_event.text, by_report.text)
    return by_event.json(), by_report.json()


def test_the_api_counts_events_by_default_and_reports_with_unit_report(grouped):
    _store, client = grouped
    event, report = both(client, "/api/pairs/RUS/UKR/series")
    assert (event["unit"], event["events"], report["unit"], report["events"]) == ("event", 2, "report", 4)  # dated
    event, report = both(client, "/api/trend")
    assert (event["events"], report["events"]) == (2, 4)
    event, report = both(client, "/api/overview")
    assert (event["events_in_period"], event["reports_in_period"], report["events_in_period"]) == (3, 5, 5)
    assert (event["active_pairs"], report["active_pairs"]) == ([{"a": "RUS", "b": "UKR", "events": 3}],
                                                               [{"a": "RUS", "b": "UKR", "events": 5}])
    assert len(event["recent"]) == 5  # the latest reports, whatever is counted
    event, report = both(client, "/api/actors/RUS")
    assert (event["events"], event["reports"], report["events"]) == (3, 5, 5)
    assert ([p["events"] for p in event["partners"]], [p["events"] for p in report["partners"]]) == ([3], [5])
    event, report = both(client, "/api/network")
    assert (event["unit"], [e["events"] for e in event["edges"]], [e["events"] for e in report["edges"]]) == (
        "event", [3], [5])
    # the confidence floor and the status filter hold by event as on the command line: the strike counts once
    # when one of its reports passes; the denied one counts when negated events are chosen
    event, report = both(client, "/api/pairs/RUS/UKR/series", min_confidence="0.5")
    assert (event["events"], report["events"]) == (1, 2)
    event, report = both(client, "/api/network", status="occurred,negated")
    assert (sorted(e["events"] for e in event["edges"]), sorted(e["events"] for e in report["edges"])) == (
        [1, 3], [1, 5])
    # downloads count the same unit; lists of reports stay reports
    csv_event = client.get("/api/pairs/RUS/UKR/series", params={"format": "csv"}).text
    csv_report = client.get("/api/pairs/RUS/UKR/series", params={"format": "csv", "unit": "report"}).text
    assert csv_event != csv_report
    assert client.get("/api/pairs/RUS/UKR/events").json()["total"] == 5


def test_the_pages_count_events_and_link_to_reports(grouped):
    _store, client = grouped
    pair = client.get("/pairs/RUS/UKR").text
    assert "Counting events (5 reports) · " in pair
    assert 'href="/pairs/RUS/UKR?by=month&amp;unit=report">count reports instead</a>' in pair
    assert "1 undated event is left out of the chart and the totals" in pair and "Evidence: 5 reports" in pair
    assert 'chart.svg?by=month"' in pair  # the default unit, in the chart's (cached) URL too
    by_report = client.get("/pairs/RUS/UKR?unit=report").text
    assert 'href="/pairs/RUS/UKR?by=month&amp;unit=event">count events instead</a>' in by_report
    assert 'chart.svg?by=month&amp;unit=report"' in by_report and 'name="unit" value="report"' in by_report
    assert "1 undated event is listed below" in by_report
    assert client.get("/pairs/RUS/UKR/chart.svg").text != client.get("/pairs/RUS/UKR/chart.svg?unit=report").text
    overview = client.get("/").text
    assert "3 events (occurred, ongoing)" in overview and "Counting events (5 reports)" in overview
    assert "5 reports (occurred, ongoing)" in client.get("/?unit=report").text
    actor = client.get("/actors/RUS").text
    assert "3 events (occurred, ongoing)" in actor and 'href="/actors/RUS?unit=report">count reports' in actor
    assert client.get("/actors/RUS/trend.svg").status_code == 200


def test_the_network_page_counts_events_or_reports(grouped):
    _store, client = grouped
    event = client.get("/network").text
    report = client.get("/network?unit=report").text
    assert "counting occurred, ongoing events" in event and "Counting events · " in event
    assert "counting occurred, ongoing event reports" in report and "count events instead" in report
    cell = '<a href="/pairs/RUS/UKR{}">RUS → UKR</a></td><td class="num">{}</td>'
    assert cell.format("", 3) in event and cell.format("?unit=report", 5) in report
    assert client.get("/network.svg").text != client.get("/network.svg?unit=report").text


def test_stale_event_records_count_reports_and_say_so_without_regrouping(grouped):
    store, client = grouped
    with store.engine.begin() as conn:  # a report stored since the grouping, in no record
        row = dict(conn.execute(select(events).where(events.c.event_key == "w3")).one()._mapping)
        del row["id"]
        conn.execute(insert(events).values({**row, "event_key": "w6"}))
    assert store.grouping_stale()
    data = client.get("/api/pairs/RUS/UKR/series").json()
    assert (data["unit"], data["events"]) == ("report", 5)
    assert data["unit_note"] == "event records are out of date: run accord group; counting reports"
    page = client.get("/pairs/RUS/UKR").text
    assert "Event records are out of date: run accord group; counting reports." in page
    assert "count reports instead" not in page
    assert store.grouping_stale()  # the request did not regroup
    assert [e["events"] for e in client.get("/api/network").json()["edges"]] == [6]


def test_a_store_never_grouped_counts_reports_and_says_so(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'ungrouped.db'}")
    fill(store, ROWS)
    client = TestClient(create_app(store, token=""))
    data = client.get("/api/overview").json()
    assert (data["unit"], data["events_in_period"]) == ("report", 5) and "run accord group" in data["unit_note"]
    assert "Event records are out of date" in client.get("/network").text
    assert "unit_note" not in client.get("/api/overview?unit=report").json()


@pytest.mark.parametrize("path", ["/api/pairs/RUS/UKR/series", "/api/trend", "/api/overview", "/api/actors/RUS",
                                  "/api/network", "/pairs/RUS/UKR", "/network", "/", "/pairs/RUS/UKR/chart.svg"])
def test_a_unit_that_is_neither_event_nor_report_is_refused_with_the_reason(tmp_path, path):
    store = Store(f"sqlite:///{tmp_path / 'units.db'}")
    fill(store, ROWS)
    response = TestClient(create_app(store, token="")).get(path, params={"unit": "articles"})
    assert response.status_code == 400
    assert "articles" in response.text and "is not a unit: use event" in response.text
