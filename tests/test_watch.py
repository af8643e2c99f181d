"""accord watch: fetching from a hostile web, following feeds, surviving restarts and SIGKILL.

Every test talks to a server on 127.0.0.1 in this process, serving feeds and pages written for these
tests; nothing leaves the machine.
"""
from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from accord.cli import app
from accord.feeds import FetchError, Fetcher, FetchSettings, Watcher, load_config, parse_feed
from accord.feeds.config import FeedConfigError, parse_duration, parse_size
from accord.feeds.watch import utcnow
from accord.store import Store

# ---------------------------------------------------------------------- a small web of our own


class Web:
    """Routes path -> handler(request) returning (status, headers, body) or None when it answered itself."""

    def __init__(self) -> None:
        self.routes: dict[str, object] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path.split("?")[0]
                web.hits[path] += 1
                web.requests.append((path, dict(self.headers)))
                route = web.routes.get(path)
                if route is None:
                    self._send(404, {"Content-Type": "text/plain"}, b"not here")
                    return
                answer = route(self) if callable(route) else route
                if answer is not None:
                    self._send(*answer)

            def _send(self, status, headers, body) -> None:
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if "Content-Length" not in headers and not headers.get("X-No-Length"):
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, html: str | bytes, content_type: str = "text/html; charset=utf-8", **headers) -> None:
        body = html.encode("utf-8") if isinstance(html, str) else html
        self.routes[path] = (200, {"Content-Type": content_type, **headers}, body)


@pytest.fixture
def web():
    site = Web()
    site.thread.start()
    yield site
    site.server.shutdown()
    site.server.server_close()


# the fetcher refuses loopback addresses unless told otherwise: these tests allow their own server's, and only it
FAST = FetchSettings(timeout=1.0, retries=0, backoff=0.01, rate_limit=0.0, max_bytes=200_000,
                     private_networks=("127.0.0.1",))


def article(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>"
            f"<meta name='date' content='2024-05-06'></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>\n{body}</article><footer>Example Wire, all rights reserved</footer>"
            f"</body></html>")


ENGLISH = [
    article("Kenya and Ethiopia agree on border talks",
            "NAIROBI, May 6 (Example Wire) -- Kenya and Ethiopia agreed on Monday to hold talks on their "
            "shared border next month, officials in both capitals said.",
            "The two governments said the talks would cover grazing rights and the movement of traders, "
            "and that their foreign ministers would meet in Addis Ababa to open them."),
    article("Chile criticizes Peru over fishing dispute",
            "SANTIAGO, May 6 (Example Wire) -- Chile criticized Peru on Monday over the seizure of two "
            "fishing boats off the coast, and demanded that the crews be released at once.",
            "Peru rejected the criticism and said the boats had been fishing illegally in its waters, "
            "according to a statement from its foreign ministry."),
    article("Poland and Ukraine sign a rail agreement",
            "WARSAW, May 6 (Example Wire) -- Poland and Ukraine signed an agreement on Monday to build a "
            "new rail crossing between the two countries, their transport ministers said.",
            "The crossing is meant to carry grain and passengers, and the work is to begin next year, "
            "the ministers told reporters after the signing ceremony in Warsaw."),
]
FRENCH = article("Le Chili et le Pérou signent un accord",
                 "Le gouvernement chilien et le gouvernement péruvien ont signé lundi un accord sur la pêche "
                 "dans le Pacifique, a annoncé le ministère des affaires étrangères à Santiago.",
                 "Les deux pays se sont engagés à partager leurs données et à organiser des patrouilles "
                 "communes dans les eaux qui les séparent, selon un communiqué publié dans la soirée.")


def rss(web: Web, paths: list[str], title: str = "Example Wire: world") -> bytes:
    items = "".join(f"<item><title>Story {p}</title><link>{web.url(p)}</link>"
                    f"<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item>" for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{web.base}</link>{items}</channel></rss>").encode()


def conditional_feed(web: Web, path: str, state: dict) -> None:
    """A feed that answers 304 to a conditional GET whose ETag matches the current version."""

    def answer(request):
        etag = f'"v{state["version"]}"'
        if request.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag,
                     "Last-Modified": formatdate(usegmt=True)}, rss(web, state["items"])

    web.routes[path] = answer


# ---------------------------------------------------------------------- fetching


def test_fetch_refuses_a_body_larger_than_the_limit_with_or_without_a_declared_length(web):
    big = b"<html><body>" + b"x" * 300_000 + b"</body></html>"
    web.page("/big", big)
    web.routes["/big-streamed"] = (200, {"Content-Type": "text/html", "X-No-Length": "1"}, big)
    fetcher = Fetcher(FAST)
    for path in ("/big", "/big-streamed"):
        with pytest.raises(FetchError) as caught:
            fetcher.get(web.url(path))
        assert "larger than the size limit" in caught.value.reason and not caught.value.retryable


def test_fetch_stops_a_gzip_body_that_expands_past_the_limit_while_decompressing(web):
    bomb = gzip.compress(b"<html><body>" + b" " * 50_000_000 + b"</body></html>")
    assert len(bomb) < 100_000  # small on the wire, 50 MB once expanded
    web.page("/bomb", bomb, **{"Content-Encoding": "gzip"})
    small = gzip.compress(article("A small page", "Some text that is long enough to be read.").encode())
    web.page("/small", small, **{"Content-Encoding": "gzip"})
    fetcher = Fetcher(FAST)
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/bomb"))
    assert "larger than the size limit" in caught.value.reason and "decompression" in caught.value.reason
    assert b"A small page" in fetcher.get(web.url("/small")).body  # a normal gzip page reads as ever


def test_fetch_names_a_redirect_loop_and_stops_long_redirect_chains(web):
    web.routes["/loop-a"] = (302, {"Location": "/loop-b"}, b"")
    web.routes["/loop-b"] = (301, {"Location": web.url("/loop-a")}, b"")
    for n in range(10):
        web.routes[f"/hop-{n}"] = (307, {"Location": f"/hop-{n + 1}"}, b"")
    web.page("/hop-10", article("Arrived", "The last hop of a long chain of redirects ends here at last."))
    fetcher = Fetcher(FAST)
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/loop-a"))
    assert "redirect loop" in caught.value.reason
    assert web.hits["/loop-a"] == 1 and web.hits["/loop-b"] == 1
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/hop-0"))
    assert "more than 5 redirects" in caught.value.reason
    assert web.hits["/hop-6"] == 0
    assert Fetcher(FetchSettings(**{**FAST.__dict__, "max_redirects": 10})).get(web.url("/hop-0")).status == 200


def test_fetch_times_out_on_a_slow_server_and_calls_it_retryable(web):
    def slow(request):
        time.sleep(1.5)
        return 200, {"Content-Type": "text/html"}, b"<html><body>late</body></html>"

    def trickle(request):  # headers at once, then a byte every 0.2 s: never idle long enough to time out
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        try:
            for _ in range(30):
                request.wfile.write(b"<p>.</p>")
                request.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass

    web.routes["/slow"] = slow
    web.routes["/trickle"] = trickle
    fetcher = Fetcher(FetchSettings(**{**FAST.__dict__, "timeout": 0.5}))
    for path in ("/slow", "/trickle"):
        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            fetcher.get(web.url(path))
        assert "timed out" in caught.value.reason and caught.value.retryable
        assert time.monotonic() - started < 1.4


def test_fetch_retries_5xx_and_429_with_backoff_but_not_404(web):
    calls = Counter()

    def flaky(request):
        calls["flaky"] += 1
        if calls["flaky"] == 1:
            return 503, {"Content-Type": "text/plain"}, b"busy"
        if calls["flaky"] == 2:
            return 429, {"Content-Type": "text/plain", "Retry-After": "0"}, b"slow down"
        return 200, {"Content-Type": "text/html"}, b"<html><body>fine</body></html>"

    web.routes["/flaky"] = flaky
    waits: list[float] = []
    fetcher = Fetcher(FetchSettings(**{**FAST.__dict__, "retries": 2, "backoff": 0.05}), sleep=waits.append)
    assert fetcher.get(web.url("/flaky")).body.endswith(b"fine</body></html>")
    assert waits == [0.05, 0.1]  # doubled each time
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/gone"))
    assert caught.value.reason.startswith("HTTP 404") and not caught.value.retryable
    assert web.hits["/gone"] == 1


def test_fetch_checks_content_type_encoding_and_robots(web):
    web.page("/photo", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    web.page("/latin", ("<html><body>" + "caf\xe9 " * 20 + "</body></html>").encode("latin-1"),
             content_type="text/html")
    web.page("/bad-bytes", b"<html><body>caf\xe9 \xff\xfe</body></html>", content_type="text/html; charset=utf-8")
    web.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    web.page("/private/memo", article("Private", "This page is not for robots and must not be fetched by one."))
    fetcher = Fetcher(FAST)
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/photo"))
    assert caught.value.reason == "not HTML (content type image/png)"
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/photo"), accept="feed")
    assert caught.value.reason == "not a feed (content type image/png)"
    from accord.feeds.fetch import decode_html

    with pytest.raises(FetchError) as caught:
        decode_html(fetcher.get(web.url("/latin")))  # no charset named: UTF-8, and this is not
    assert "bad encoding" in caught.value.reason
    latin = fetcher.get(web.url("/latin"))
    latin.headers["content-type"] = "text/html; charset=latin-1"
    assert "café" in decode_html(latin)
    with pytest.raises(FetchError) as caught:
        decode_html(fetcher.get(web.url("/bad-bytes")))
    assert "not valid utf-8" in caught.value.reason
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/private/memo"))
    assert caught.value.reason == "disallowed by robots.txt" and caught.value.kind == "skipped"
    assert web.hits["/private/memo"] == 0 and web.hits["/robots.txt"] == 1  # robots.txt read once per host


def test_an_unreachable_robots_txt_delays_the_host_without_asking_again_for_each_article(web):
    web.routes["/robots.txt"] = (503, {"Content-Type": "text/plain"}, b"down for maintenance")
    web.page("/one", "<html><body>one</body></html>")
    web.page("/two", "<html><body>two</body></html>")
    fetcher = Fetcher(FAST)
    for path in ("/one", "/two"):
        with pytest.raises(FetchError) as caught:
            fetcher.get(web.url(path))
        assert "robots.txt unreachable (HTTP 503)" in caught.value.reason and caught.value.retryable
    assert web.hits["/robots.txt"] == 1 and web.hits["/one"] == web.hits["/two"] == 0


def test_requests_to_one_host_keep_the_rate_limit(web):
    web.page("/a", "<html><body>a</body></html>")
    fetcher = Fetcher(FetchSettings(**{**FAST.__dict__, "rate_limit": 0.3, "respect_robots": False}))
    started = time.monotonic()
    for _ in range(3):
        fetcher.get(web.url("/a"))
    assert time.monotonic() - started >= 0.6


def test_feed_parsing_reads_rss_and_atom_leniently_and_refuses_what_is_no_feed(web):
    parsed = parse_feed(rss(web, ["/a", "/b", "/a"]), web.url("/feed"))
    assert [e.url for e in parsed.entries] == [web.url("/a"), web.url("/b")] and parsed.problem is None
    assert parsed.entries[0].published.isoformat() == "2024-05-06"
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<entry><title>One</title><link href="/one"/><updated>2024-05-06T10:00:00Z</updated></entry></feed>')
    assert [e.url for e in parse_feed(atom, web.url("/atom")).entries] == [web.url("/one")]
    truncated = rss(web, ["/a", "/b"])[:-30]  # the closing tags are missing
    lenient = parse_feed(truncated, "truncated")
    assert lenient.entries and "malformed XML" in lenient.problem
    for garbage in (b"this is not a feed at all <<<", b"<html><body>a page</body></html>", b""):
        with pytest.raises(Exception) as caught:
            parse_feed(garbage, "junk")
        assert "feed" in str(caught.value)


def test_feeds_file_and_durations():
    assert parse_duration("15m") == 900 and parse_duration("2h") == 7200 and parse_duration(30) == 30
    assert parse_size("5MB") == 5_000_000 and parse_size("512KiB") == 524_288
    for bad in ("soon", "-3m", "15 parsecs"):
        with pytest.raises(FeedConfigError):
            parse_duration(bad, "--every")
    from pathlib import Path

    example = load_config(Path(__file__).resolve().parents[1] / "examples" / "feeds.yaml")
    assert example.feeds and example.every > 0 and example.fetch.max_bytes > 0


# ---------------------------------------------------------------------- the watcher


def test_watch_codes_new_articles_once_and_records_every_failure(pipeline, web, db_url):
    db = db_url
    store = Store(db)
    for n, html in enumerate(ENGLISH[:2]):
        web.page(f"/news/{n}", html)
    web.page("/news/fr", FRENCH)
    web.page("/news/photo", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    web.page("/news/huge", "<html><body>" + "<p>words</p>" * 30_000 + "</body></html>")
    web.page("/news/bomb", gzip.compress(b"<html>" + b" " * 5_000_000 + b"</html>"),
             **{"Content-Encoding": "gzip"})
    web.routes["/news/loop"] = (302, {"Location": "/news/loop"}, b"")
    web.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    web.page("/private/a", ENGLISH[2])
    slow_state = {"slow": True}

    def slow(request):
        if slow_state["slow"]:
            time.sleep(1.2)
        return 200, {"Content-Type": "text/html; charset=utf-8"}, ENGLISH[2].encode()

    web.routes["/news/slow"] = slow
    state = {"version": 1, "items": ["/news/0", "/news/1", "/news/fr", "/news/photo", "/news/huge",
                                     "/news/bomb", "/news/loop", "/news/dead", "/private/a", "/news/slow"]}
    conditional_feed(web, "/feed.xml", state)
    web.page("/broken.xml", b"<rss><channel><title>half a feed")  # no item, not even a version

    reports = []
    watcher = Watcher(store, pipeline, Fetcher(FAST), on_report=reports.append)
    watcher.run_once([web.url("/feed.xml"), web.url("/broken.xml")])

    def item(path):
        return store.feed_item(web.url(path))

    assert item("/news/0")["state"] == "coded" and item("/news/0")["events"] > 0
    assert item("/news/1")["state"] == "coded"
    assert item("/news/fr")["state"] == "skipped" and "not English (looks like French" in item("/news/fr")["reason"]
    assert item("/private/a")["state"] == "skipped" and item("/private/a")["reason"] == "disallowed by robots.txt"
    assert web.hits["/private/a"] == 0
    expected_failures = {"/news/photo": "not HTML (content type image/png)", "/news/huge": "larger than the size limit",
                         "/news/bomb": "after decompression", "/news/loop": "redirect loop",
                         "/news/dead": "HTTP 404", "/news/slow": "timed out"}
    for path, reason in expected_failures.items():
        assert item(path)["state"] == "failed" and reason in item(path)["reason"], (path, item(path))
        assert (item(path)["next_attempt_at"] is not None) == (path == "/news/slow")  # only a timeout is retried
    counts = store.feed_counts()
    assert counts == {"feeds": 2, "seen": 10, "fetched": 3, "coded": 2, "skipped": 2, "failed": 6, "retrying": 1,
                      "pending": 0}
    assert store.counts()["documents"] == 2
    broken = [r for r in reports if r.url == web.url("/broken.xml")]
    assert broken[0].outcome == "failed" and "feed" in broken[0].detail

    # the feed changes: one article gone, one new; only the new one is fetched
    state.update(version=2, items=["/news/1", "/news/2", "/news/fr"])
    web.page("/news/2", ENGLISH[2])
    hits_before = Counter(web.hits)
    watcher.run_once([web.url("/feed.xml")])
    assert item("/news/2")["state"] == "coded"
    changed = {p for p in web.hits if web.hits[p] != hits_before[p]}
    assert changed == {"/feed.xml", "/news/2"}

    # a restarted watcher (new fetcher, same store) polls conditionally and fetches nothing again
    reports.clear()
    hits_before = Counter(web.hits)
    restarted = Watcher(store, pipeline, Fetcher(FAST), on_report=reports.append)
    restarted.run_once([web.url("/feed.xml")])
    assert [r.outcome for r in reports if r.what == "feed"] == ["not modified"]
    assert web.requests[-1][1].get("If-None-Match") == '"v2"'
    assert {p for p in web.hits if web.hits[p] != hits_before[p]} <= {"/feed.xml", "/robots.txt"}

    # the slow server recovers; when its retry falls due the article is coded
    slow_state["slow"] = False
    later = Watcher(store, pipeline, Fetcher(FAST), now=lambda: utcnow() + timedelta(hours=1))
    later.work()
    assert item("/news/slow")["state"] == "coded" and item("/news/slow")["attempts"] == 1
    assert store.counts()["documents"] == 3  # /private/a was never fetched; /news/slow has the same text
    urls = [r["url"] for r in store.events()]
    assert len(set(urls)) == len({u for u in urls})

    status = CliRunner().invoke(app, ["status", "--db", db])
    assert status.exit_code == 0, status.output
    assert "feeds: 2 followed; 11 articles seen: 5 fetched, 4 coded, 2 skipped, 5 failed (0 to retry)" in status.output
    assert "redirect loop" in status.output and "not English" in status.output
    store.close()


def test_a_watch_killed_mid_poll_and_restarted_stores_each_article_once(web, tmp_path):
    paths = [f"/story/{n}" for n in range(9)]
    for n, path in enumerate(paths):
        a, b = [("Kenya", "Ethiopia"), ("Chile", "Peru"), ("Poland", "Ukraine")][n % 3]
        html = article(f"{a} and {b}, story {n}",
                       f"{a} and {b} held talks on trade in Geneva on Monday, in meeting number {n} of the year.",
                       f"{a} later criticized {b} over tariffs, officials said in statement number {n}.")

        def slow_page(request, body=html.encode()):  # noqa: B008 (bytes: immutable)
            time.sleep(0.4)
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body

        web.routes[path] = slow_page
    web.page("/feed.xml", rss(web, paths), content_type="application/rss+xml")
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    command = [sys.executable, "-m", "accord.cli", "watch", "--once", "--rate-limit", "0", "--timeout", "5s",
               "--allow-private", "--db", db, web.url("/feed.xml")]
    store = Store(db)  # migrated here first, so the two processes never race to create the tables
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while store.feed_counts()["coded"] < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the watcher finished before it could be killed: " + proc.stderr.read().decode()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    coded_before = {r["url"] for r in store.events()}
    partial = store.feed_counts()["coded"]
    assert 0 < partial < len(paths)
    hits_before = Counter(web.hits)

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr
    counts = store.feed_counts()
    assert counts["coded"] == len(paths) and counts["pending"] == 0
    documents = list(store.events())
    assert store.counts()["documents"] == len(paths) and store.orphans() == 0
    stored_urls = Counter(r["url"] for r in documents)
    assert set(stored_urls) == {web.url(p) for p in paths}
    refetched = [p for p in paths if web.hits[p] > hits_before[p] and web.url(p) in coded_before]
    assert refetched == []  # what was stored before the kill is not fetched again
    assert sum(web.hits[p] for p in paths) <= len(paths) + 1  # at most the article in flight, twice
    store.close()


def test_the_loop_polls_again_picks_up_a_changed_feed_and_stops_when_asked(pipeline, web, tmp_path):
    from accord.feeds import FeedSpec

    store = Store(f"sqlite:///{tmp_path / 'loop.db'}")
    web.page("/a", ENGLISH[0])
    web.page("/b", ENGLISH[1])
    state = {"version": 1, "items": ["/a"]}
    conditional_feed(web, "/feed.xml", state)
    waits: list[float] = []
    watcher = Watcher(store, pipeline, Fetcher(FAST))
    stop = threading.Event()
    loop = threading.Thread(target=watcher.run, args=([FeedSpec(web.url("/feed.xml"))], 1.0),
                            kwargs={"stop": stop, "on_wait": waits.append}, daemon=True)
    loop.start()
    deadline = time.monotonic() + 30
    while store.feed_counts()["coded"] < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    state.update(version=2, items=["/b", "/a"])
    while store.feed_counts()["coded"] < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    loop.join(timeout=10)
    assert not loop.is_alive()
    assert store.feed_item(web.url("/b"))["state"] == "coded"
    assert web.hits["/a"] == 1 and web.hits["/b"] == 1 and web.hits["/feed.xml"] >= 2
    assert waits and all(w >= 1.0 for w in waits)
    store.close()


# ------------------------------------------------------------ hardening: deadline, addresses, caps, exit status


def test_the_timeout_bounds_the_whole_request_even_when_the_headers_trickle(web):
    def trickling_headers(request):  # a byte of the status line and headers every 0.1 s, for up to 4 s
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 40 + b"\r\n\r\n<html>late</html>"
        try:
            for byte in head:
                request.wfile.write(bytes([byte]))
                request.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass

    web.routes["/slow-headers"] = trickling_headers
    fetcher = Fetcher(FetchSettings(**{**FAST.__dict__, "timeout": 0.5, "respect_robots": False}))
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/slow-headers"))
    assert caught.value.reason == "timed out (no complete answer within 0.5 s)" and caught.value.retryable
    assert time.monotonic() - started < 1.2  # before: as long as the server kept sending


def test_the_fetcher_refuses_loopback_private_link_local_and_reserved_addresses_by_default(web):
    web.page("/page", article("Local", "A page on this machine, which a feed must not make us fetch."))
    default = Fetcher(FetchSettings(timeout=1.0, retries=0, rate_limit=0.0))
    with pytest.raises(FetchError) as caught:
        default.get(web.url("/page"))
    assert caught.value.kind == "refused" and not caught.value.retryable
    assert caught.value.reason == ("refused: 127.0.0.1 is a loopback address (allowed by --allow-private, "
                                   "or allow_private in the feeds file)")
    assert sum(web.hits.values()) == 0  # not even robots.txt was asked
    for url, kind in (("http://169.254.169.254/latest/meta-data/", "link-local"), ("http://10.1.2.3/", "private"),
                      ("http://192.168.0.1/admin", "private"), ("http://[::1]:9/", "loopback"),
                      ("http://0.0.0.0:9/", "reserved"), ("http://[::ffff:127.0.0.1]:9/", "loopback"),
                      ("http://100.64.0.1/", "reserved"), ("https://240.0.0.1/", "reserved")):
        with pytest.raises(FetchError) as caught:
            default.get(url)
        assert caught.value.kind == "refused" and f"is a {kind} address" in caught.value.reason, url
    # after DNS resolution: a name is judged by every address it resolves to
    names = {"metadata.test": ["169.254.169.254"], "mixed.test": ["93.184.216.34", "10.0.0.7"]}
    resolving = Fetcher(FetchSettings(timeout=1.0, retries=0, rate_limit=0.0), resolve=lambda host, port: names[host])
    for host, address in (("metadata.test", "169.254.169.254"), ("mixed.test", "10.0.0.7")):
        with pytest.raises(FetchError) as caught:
            resolving.get(f"http://{host}/feed.xml", accept="feed")
        assert caught.value.reason.startswith(f"refused: {host} ({address}) is a"), caught.value.reason
    # allowed on request: everything, or only the networks named
    assert Fetcher(FetchSettings(**{**FAST.__dict__, "private_networks": (), "allow_private": True})).get(
        web.url("/page")).status == 200
    assert Fetcher(FetchSettings(**{**FAST.__dict__, "private_networks": ("127.0.0.0/8",)})).get(
        web.url("/page")).status == 200


def test_every_redirect_hop_is_checked_again(web):
    web.routes["/to-metadata"] = (302, {"Location": "http://169.254.169.254/latest/meta-data/iam"}, b"")
    web.routes["/to-intranet"] = (301, {"Location": "http://10.0.0.5/internal"}, b"")
    fetcher = Fetcher(FAST)  # our own server (127.0.0.1) is allowed, nothing else private
    for path, target, kind in (("/to-metadata", "169.254.169.254", "link-local"),
                               ("/to-intranet", "10.0.0.5", "private")):
        with pytest.raises(FetchError) as caught:
            fetcher.get(web.url(path))
        assert caught.value.kind == "refused"
        assert caught.value.reason.startswith(f"redirected to http://{target}/")
        assert f"is a {kind} address" in caught.value.reason


def test_a_watched_article_on_a_private_address_fails_with_the_reason(web, tmp_path):
    web.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                               rss(web, []).replace(b"</channel>", b"<item><title>Metadata</title><link>"
                                                    b"http://169.254.169.254/latest/meta-data/</link></item></channel>"))
    store = Store(f"sqlite:///{tmp_path / 'private.db'}")
    watcher = Watcher(store, pipeline=None, fetcher=Fetcher(FAST))
    watcher.run_once([web.url("/feed.xml")])
    item = store.feed_item("http://169.254.169.254/latest/meta-data/")
    assert item["state"] == "failed" and item["next_attempt_at"] is None
    assert "refused: 169.254.169.254 is a link-local address" in item["reason"]
    store.close()


def test_one_poll_takes_at_most_max_new_articles_newest_first_and_the_rest_on_the_next_polls(web, db_url):
    import random
    from datetime import date

    days = [date(2024, 1, 1) + timedelta(days=n) for n in range(250)]
    random.Random(7).shuffle(days)  # the feed's order is not the order of the dates
    items = "".join(f"<item><title>Story {d}</title><link>{web.url(f'/story/{d}')}</link>"
                    f"<pubDate>{d:%a, %d %b %Y} 10:00:00 GMT</pubDate></item>" for d in days)

    def feed(request):
        etag = '"v1"'
        if request.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title>{items}'
                f"</channel></rss>").encode()
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body

    web.routes["/busy.xml"] = feed
    store = Store(db_url)
    watcher = Watcher(store, pipeline=None, fetcher=Fetcher(FAST), max_new=100)
    newest = sorted(days, reverse=True)
    taken = []
    for expected, detail in ((100, "250 entries, 100 new (150 more on the next polls)"),
                             (100, "250 entries, 100 new (50 more on the next polls)"), (50, "250 entries, 50 new")):
        report = watcher.poll(web.url("/busy.xml"))
        assert (report.new_items, report.detail) == (expected, detail)
        pending = [i["url"] for i in store.due_feed_items(limit=1000)]
        assert sorted(pending) == sorted(web.url(f"/story/{d}") for d in newest[len(taken):len(taken) + expected])
        taken += pending
        for url in pending:  # handled (here: simply marked), as the watcher would before its next poll
            store.finish_feed_item(url, "skipped", reason="test")
    assert watcher.poll(web.url("/busy.xml")).outcome == "not modified"  # all taken: validators kept again
    assert len(set(taken)) == 250
    store.close()


def test_watch_once_exits_non_zero_when_a_feed_failed_and_distinctly_when_all_did(web, tmp_path, monkeypatch):
    from accord import cli

    monkeypatch.setattr(cli, "_pipeline", lambda dictionary=None: None)  # no article is coded here
    web.page("/ok.xml", rss(web, []), content_type="application/rss+xml")
    db = f"sqlite:///{tmp_path / 'cron.db'}"
    runner = CliRunner()

    def once(*paths: str, private: bool = True):
        return runner.invoke(app, ["watch", "--once", "--db", db, "--rate-limit", "0",
                                   *(["--allow-private"] if private else []), *(web.url(p) for p in paths)])

    fine = once("/ok.xml")
    assert fine.exit_code == 0, fine.output
    some = once("/ok.xml", "/gone-1.xml", "/gone-2.xml", "/gone-3.xml", "/gone-4.xml", "/gone-5.xml")
    assert some.exit_code == 1 and "accord: 6 polls (5 failed)" in some.stderr
    every = once("/gone-1.xml", "/gone-2.xml")
    assert every.exit_code == 3 and "accord: 2 polls (2 failed)" in every.stderr
    refused = once("/ok.xml", private=False)  # without --allow-private this server is out of reach
    assert refused.exit_code == 3 and "refused: 127.0.0.1 is a loopback address" in refused.stderr


def test_the_feeds_file_sets_allow_private_and_max_new(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("max_new: 20\nallow_private: [10.20.0.0/16, 192.168.1.5]\nfeeds: [https://intranet.example/rss]\n")
    settings = load_config(path)
    assert settings.max_new == 20 and not settings.fetch.allow_private
    assert settings.fetch.private_networks == ("10.20.0.0/16", "192.168.1.5/32")
    path.write_text("allow_private: true\nfeeds: [https://intranet.example/rss]\n")
    assert load_config(path).fetch.allow_private and load_config(path).max_new == 100
    for bad, message in (("allow_private: [intranet]", "'intranet' is not an IP address or network"),
                         ("allow_private: yes please", "must be true, false or a list of networks"),
                         ("max_new: 0", "must be 1 or more")):
        path.write_text(bad + "\nfeeds: [https://intranet.example/rss]\n")
        with pytest.raises(FeedConfigError, match=message):
            load_config(path)
