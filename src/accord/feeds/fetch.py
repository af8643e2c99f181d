"""Fetching from the open web, politely and defensively (httpx).

One :class:`Fetcher` per watcher. Every GET:

- asks the host's robots.txt first (``urllib.robotparser``, cached per host; a Crawl-delay is honoured);
- waits its turn: one request per host every ``rate_limit`` seconds;
- follows at most ``max_redirects`` redirects itself, so every hop is checked again, and names a loop;
- connects only to public addresses: the host's addresses are looked up and checked before connecting,
  on every hop, and a loopback, private, link-local or reserved one is refused (cloud metadata at
  169.254.169.254, the router, the machine itself) unless ``allow_private`` (or ``private_networks``)
  allows it; the connection goes to the address that was checked, so a second lookup cannot change it;
- gives up when the whole request, headers and body, has taken ``timeout`` seconds, however slowly the
  server trickles (a deadline on every read, write and connect of the request);
- stops reading as soon as the body passes ``max_bytes``, counting bytes *after* decompression, which it
  does itself a bounded piece at a time, so a small gzip body that expands to gigabytes is never held;
- retries timeouts, dropped connections, 5xx and 429 with exponential backoff (honouring Retry-After).

Whatever goes wrong ends in a :class:`FetchError` with a reason a user can read and whether a later
retry makes sense.
"""
from __future__ import annotations

import contextvars
import ipaddress
import re
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from .. import __version__
from datetime import UTC

REDIRECTS = {301, 302, 303, 307, 308}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
MAX_RETRY_WAIT = 60.0  # seconds: a longer Retry-After is left to the item's retry schedule
MAX_CRAWL_DELAY = 60.0
ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_RETRY = 600.0  # seconds before asking an unreachable robots.txt again


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0  # seconds for a whole request: connecting, headers and body
    max_bytes: int = 5_000_000  # decoded body size at most
    max_redirects: int = 5
    retries: int = 2  # further attempts within one fetch, for transient failures
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    rate_limit: float = 1.0  # seconds between two requests to the same host
    respect_robots: bool = True
    robots_ttl: float = 3600.0  # seconds a host's robots.txt is trusted
    allow_private: bool = False  # connect to loopback, private, link-local and reserved addresses too
    private_networks: tuple[str, ...] = ()  # ... or only to these of them ("10.20.0.0/16", "127.0.0.1")
    user_agent: str = f"accord/{__version__} (political event coder; +https://github.com/accord-events/accord)"


class FetchError(Exception):
    """A fetch that failed: ``reason`` for people, ``retryable`` for the retry schedule."""

    def __init__(self, url: str, reason: str, *, retryable: bool, status: int | None = None,
                 retry_after: float | None = None, kind: str = "failed") -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after
        self.kind = kind  # "failed"; "skipped" when we chose not to fetch (robots.txt); "refused": a non-public address


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    body: bytes = b""
    not_modified: bool = False

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", self.headers.get("content-type", ""), re.I)
        return found.group(1) if found else None


class _BoundedDecoder:
    """Undo a Content-Encoding (identity, gzip, deflate) without ever producing more than a limit."""

    def __init__(self, encoding: str, url: str, limit: int) -> None:
        self.url = url
        self.remaining = limit
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self.wbits = None
        elif encoding in ("gzip", "x-gzip"):
            self.wbits = 16 + zlib.MAX_WBITS
        elif encoding == "deflate":
            self.wbits = zlib.MAX_WBITS  # zlib-wrapped; raw deflate is tried when the header is missing
        else:
            raise FetchError(url, f"unsupported content encoding {encoding!r}", retryable=False)
        self.inflater = zlib.decompressobj(self.wbits) if self.wbits else None
        self.started = False

    def _count(self, data: bytes) -> bytes:
        self.remaining -= len(data)
        if self.remaining < 0:
            raise FetchError(self.url, "larger than the size limit (after decompression)", retryable=False,
                             kind="too large")
        return data

    def feed(self, data: bytes) -> bytes:
        if self.inflater is None:
            return self._count(data)
        if not self.started and self.wbits == zlib.MAX_WBITS and data and (data[0] & 0x0F) != 8:
            self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
        self.started = True
        out = []
        try:
            while data:
                piece = self.inflater.decompress(data, max(self.remaining, 0) + 1)
                out.append(self._count(piece))
                data = self.inflater.unconsumed_tail
                if self.inflater.eof:
                    data = self.inflater.unused_data
                    if data and self.wbits == 16 + zlib.MAX_WBITS:  # another gzip member follows
                        self.inflater = zlib.decompressobj(self.wbits)
                    else:
                        break
                elif not piece and not data:
                    break
        except zlib.error as exc:
            raise FetchError(self.url, f"corrupt compressed body ({exc})", retryable=False) from None
        return b"".join(out)


# ---------------------------------------------------------------------- the network: checked addresses, a deadline
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("accord_fetch_deadline", default=None)


class AddressRefused(Exception):
    """A host whose address the fetcher may not connect to."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def non_public(address: str) -> str | None:
    """What kind of non-public address this is ("loopback", "private", ...), or None for a public one."""
    ip = ipaddress.ip_address(address.split("%")[0])  # an IPv6 zone ("fe80::1%eth0") names no other address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "reserved"
    return None


def _resolve(host: str, port: int) -> list[str]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpcore.ConnectError(f"cannot resolve {host} ({exc.strerror})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in found))  # the address: a str for IPv4 and IPv6


def _remaining(timeout: float | None, error: type[Exception]) -> float | None:
    """The per-operation timeout, cut to what is left of the request's deadline (raises once it has passed)."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _remaining(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _remaining(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self.stream.start_tls(ssl_context, server_hostname,
                                                     _remaining(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


class _CheckedNetwork(httpcore.SyncBackend):
    """Connects to a host only when every address it resolves to may be reached, and to one of those
    addresses (TLS still checks the certificate against the host name)."""

    def __init__(self, settings: FetchSettings, resolve: Callable[[str, int], list[str]]) -> None:
        self.allow_all = settings.allow_private
        self.allowed = [ipaddress.ip_network(n, strict=False) for n in settings.private_networks]
        self.resolve = resolve

    def refusal(self, host: str, address: str) -> str | None:
        kind = non_public(address)
        if kind is None or self.allow_all or any(ipaddress.ip_address(address.split("%")[0]) in n
                                                  for n in self.allowed):
            return None
        shown = host if host == address else f"{host} ({address})"
        return f"refused: {shown} is a {kind} address (allowed by --allow-private, or allow_private in the feeds file)"

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        addresses = self.resolve(host, port)
        for address in addresses:
            reason = self.refusal(host, address)
            if reason:
                raise AddressRefused(reason)
        failure: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, _remaining(timeout, httpcore.ConnectTimeout),
                                             local_address, socket_options)
            except httpcore.ConnectError as exc:  # the next address, as socket.create_connection would
                failure = exc
                continue
            return _DeadlineStream(stream)
        raise failure


class _CheckedTransport(httpx.HTTPTransport):
    def __init__(self, network: _CheckedNetwork) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=network)


@dataclass
class _Host:
    next_slot: float = 0.0
    robots: RobotFileParser | None = None
    robots_until: float = 0.0
    robots_failure: str | None = None  # why robots.txt could not be read, until robots_until
    delay: float | None = None


@dataclass
class Fetcher:
    settings: FetchSettings = field(default_factory=FetchSettings)
    transport: httpx.BaseTransport | None = None  # tests hand in an httpx.MockTransport
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    resolve: Callable[[str, int], list[str]] = _resolve  # host, port -> addresses (tests hand in their own)

    def __post_init__(self) -> None:
        timeout = httpx.Timeout(self.settings.timeout)
        transport = self.transport or _CheckedTransport(_CheckedNetwork(self.settings, self.resolve))
        self.client = httpx.Client(transport=transport, timeout=timeout, follow_redirects=False,
                                   headers={"User-Agent": self.settings.user_agent,
                                            "Accept-Encoding": "gzip, deflate"})
        self.hosts: dict[str, _Host] = {}

    def close(self) -> None:
        self.client.close()

    # ------------------------------------------------------------------ public
    def get(self, url: str, *, accept: str = "html", etag: str | None = None,
            last_modified: str | None = None) -> Response:
        """GET ``url`` (``accept``: "html" for articles, "feed" for feeds), retrying transient failures."""
        attempt = 0
        while True:
            try:
                return self._follow(url, accept, etag, last_modified)
            except FetchError as exc:
                if not exc.retryable or attempt >= self.settings.retries:
                    raise
                wait = self.settings.backoff * 2 ** attempt
                if exc.retry_after is not None:
                    if exc.retry_after > MAX_RETRY_WAIT:
                        raise
                    wait = max(wait, exc.retry_after)
                attempt += 1
                self.sleep(min(wait, MAX_RETRY_WAIT))

    # ------------------------------------------------------------------ redirects, robots, rate
    def _follow(self, url: str, accept: str, etag: str | None, last_modified: str | None) -> Response:
        visited = [url]
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            _check_scheme(current)
            try:
                if accept != "robots" and self.settings.respect_robots:
                    self._check_robots(current)
                response = self._request(current, accept, etag, last_modified)
            except FetchError as exc:
                if exc.kind == "refused" and current != url:  # say where the redirect went
                    raise FetchError(url, f"redirected to {current}: {exc.reason}", retryable=False,
                                     kind="refused") from None
                raise
            if response.status not in REDIRECTS:
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchError(current, f"HTTP {response.status} redirect without a Location", retryable=False)
            target = urldefrag(urljoin(current, location.strip()))[0]
            if target in visited:
                raise FetchError(url, f"redirect loop ({' -> '.join(visited[-3:] + [target])})", retryable=False)
            visited.append(target)
            current = target
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects", retryable=False)

    def _host(self, url: str) -> tuple[str, _Host]:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        return key, self.hosts.setdefault(key, _Host())

    def _wait_turn(self, url: str) -> None:
        _key, host = self._host(url)
        interval = max(self.settings.rate_limit, min(host.delay or 0.0, MAX_CRAWL_DELAY))
        now = self.clock()
        if host.next_slot > now:
            self.sleep(host.next_slot - now)
            now = self.clock()
        host.next_slot = now + interval

    def _check_robots(self, url: str) -> None:
        key, host = self._host(url)
        if host.robots_failure is not None and self.clock() < host.robots_until:
            raise FetchError(url, host.robots_failure, retryable=True)  # not asking again for a while
        if host.robots is None or self.clock() >= host.robots_until:
            host.robots = None
            try:
                host.robots = self._load_robots(key)
                host.robots_failure = None
            except FetchError as exc:
                if exc.kind == "refused":
                    raise FetchError(url, exc.reason, retryable=False, kind="refused") from None
                host.robots_failure = exc.reason
                host.robots_until = self.clock() + min(self.settings.robots_ttl, ROBOTS_RETRY)
                raise FetchError(url, exc.reason, retryable=True) from None
            host.robots_until = self.clock() + self.settings.robots_ttl
            delay = host.robots.crawl_delay(self.settings.user_agent)
            host.delay = float(delay) if delay is not None else None
        if not host.robots.can_fetch(self.settings.user_agent, url):
            raise FetchError(url, "disallowed by robots.txt", retryable=False, kind="skipped")

    def _load_robots(self, base: str) -> RobotFileParser:
        """A host's robots.txt; missing (4xx) allows everything, unreachable (5xx, network) is retried later."""
        robots_url = base + "/robots.txt"
        parser = RobotFileParser(robots_url)
        small = replace(self.settings, max_bytes=min(self.settings.max_bytes, ROBOTS_MAX_BYTES))
        try:
            response = self._follow_with(robots_url, small)
        except FetchError as exc:
            if exc.kind == "refused":
                raise
            if exc.retryable:
                raise FetchError(base, f"robots.txt unreachable ({exc.reason})", retryable=True) from None
            parser.parse([])  # a robots.txt we cannot read (loop, too large) restricts nothing we can know
            return parser
        if response.status in (401, 403):
            parser.disallow_all = True  # type: ignore[attr-defined]  # robotparser's own flag, absent from typeshed
        elif 200 <= response.status < 300:
            parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        else:
            parser.parse([])
        return parser

    def _follow_with(self, url: str, settings: FetchSettings) -> Response:
        saved = self.settings
        self.settings = settings
        try:
            return self._follow(url, "robots", None, None)
        finally:
            self.settings = saved

    # ------------------------------------------------------------------ one request
    def _request(self, url: str, accept: str, etag: str | None, last_modified: str | None) -> Response:
        headers = {"Accept": _ACCEPT[accept]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_turn(url)
        deadline = _DEADLINE.set(time.monotonic() + self.settings.timeout)  # connecting, headers and body
        try:
            return self._send(url, accept, headers)
        finally:
            _DEADLINE.reset(deadline)

    def _send(self, url: str, accept: str, headers: dict[str, str]) -> Response:
        try:
            request = self.client.build_request("GET", url, headers=headers)
            response = self.client.send(request, stream=True)
        except AddressRefused as exc:
            raise FetchError(url, exc.reason, retryable=False, kind="refused") from None
        except httpx.TimeoutException:
            raise FetchError(url, self._timed_out, retryable=True) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(url, f"invalid URL ({exc})", retryable=False) from None
        except httpx.TransportError as exc:
            raise FetchError(url, f"connection failed ({exc.__class__.__name__}: {exc})", retryable=True) from None
        try:
            result = Response(url=url, status=response.status_code, headers=response.headers)
            if response.status_code in REDIRECTS or response.status_code == 304:
                result.not_modified = response.status_code == 304
                return result
            if accept == "robots":
                if response.status_code >= 500 or response.status_code == 429:
                    raise FetchError(url, f"HTTP {response.status_code}", retryable=True)
                if response.status_code >= 400:
                    return result
            else:
                _check_status(url, response)
            if accept == "html" and result.media_type and result.media_type not in HTML_TYPES:
                raise FetchError(url, f"not HTML (content type {result.media_type})", retryable=False)
            if accept == "feed" and result.media_type.split("/")[0] in ("image", "audio", "video", "font"):
                raise FetchError(url, f"not a feed (content type {result.media_type})", retryable=False)
            result.body = self._read_body(url, response)
            return result
        finally:
            response.close()

    @property
    def _timed_out(self) -> str:
        return f"timed out (no complete answer within {self.settings.timeout:g} s)"

    def _read_body(self, url: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.strip().isdigit() and int(declared) > limit and \
                response.headers.get("content-encoding", "identity").lower() in ("", "identity"):
            raise FetchError(url, f"larger than the size limit ({int(declared):,} bytes > {limit:,})",
                             retryable=False, kind="too large")
        decoder = _BoundedDecoder(response.headers.get("content-encoding", ""), url, limit)
        chunks = []
        try:
            for raw in response.iter_raw():
                chunks.append(decoder.feed(raw))
        except FetchError as exc:
            if exc.kind == "too large":
                raise FetchError(url, f"larger than the size limit ({limit:,} bytes)"
                                 + (" after decompression" if decoder.inflater else ""),
                                 retryable=False, kind="too large") from None
            raise
        except httpx.TimeoutException:
            raise FetchError(url, self._timed_out, retryable=True) from None
        except httpx.TransportError as exc:
            raise FetchError(url, f"connection broken while reading ({exc.__class__.__name__})",
                             retryable=True) from None
        return b"".join(chunks)


_ACCEPT = {
    "html": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
    "robots": "text/plain,*/*;q=0.1",
}


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(url, "not an http or https URL", retryable=False)


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status < 400 and status >= 200:
        return
    phrase = response.reason_phrase or ""
    label = f"HTTP {status} {phrase}".strip()
    if status == 429 or status >= 500:
        raise FetchError(url, label, retryable=True, status=status,
                         retry_after=_retry_after(response.headers.get("retry-after")))
    raise FetchError(url, label, retryable=False, status=status)


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds (it may be a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    from datetime import datetime

    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def decode_html(response: Response) -> str:
    """The page's text: the charset the server names, else a <meta> charset, else UTF-8; strict."""
    body = response.body
    charset = response.charset
    if not charset:
        found = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", body[:4096], re.I)
        charset = found.group(1).decode("ascii") if found else None
    if body.startswith(b"\xef\xbb\xbf"):
        charset = "utf-8-sig"
    charset = charset or "utf-8"
    try:
        return body.decode(charset)
    except LookupError:
        raise FetchError(response.url, f"bad encoding (unknown charset {charset!r})", retryable=False) from None
    except UnicodeDecodeError as exc:
        raise FetchError(response.url, f"bad encoding (not valid {charset} at byte {exc.start})",
                         retryable=False) from None
