"""A stand-in for an Elasticsearch node: it records what the client transmits and
answers canned JSON (with the product header the client checks), so the engine's wire
contract is tested without a server. Plug it in with the client's `node_class` option."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable

from elastic_transport import ApiResponseMeta, BaseNode, ConnectionError, HttpHeaders
from elastic_transport._node import NodeApiResponse


class Recorded:
    """Every request (method, path, parsed body) in order, and the answers to give."""

    def __init__(self):
        self.requests: list[tuple[str, str, object]] = []
        self.routes: list[tuple[str, re.Pattern, Callable | object]] = []
        self.down = False

    def answer(self, method: str, path: str, body) -> None:
        """Answer `method` on paths matching the regex `path` with `body` (or body(req))."""
        self.routes.insert(0, (method, re.compile(path), body))

    def paths(self) -> list[str]:
        return [f"{m} {p}" for m, p, _b in self.requests]

    def bodies(self, method: str, pattern: str) -> list:
        return [b for m, p, b in self.requests if m == method and re.search(pattern, p)]


RECORDED = Recorded()


def _parse(body: bytes | None, headers) -> object:
    if not body:
        return None
    if headers and headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    text = body.decode()
    if "ndjson" in (headers or {}).get("content-type", ""):  # bulk
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)


def _default(method: str, path: str, body) -> object:
    if path.startswith("/_bulk") or path.endswith("/_bulk"):
        items = []
        lines = body or []
        for line in lines:
            if isinstance(line, dict) and len(line) == 1 and next(iter(line)) in (
                    "index", "delete", "create", "update"):
                op = next(iter(line))
                items.append({op: {"_index": line[op].get("_index"), "_id": line[op]["_id"],
                                   "status": 200 if op == "delete" else 201,
                                   "result": "deleted" if op == "delete" else "created"}})
        return {"took": 1, "errors": False, "items": items}
    return {"acknowledged": True}


class RecordingNode(BaseNode):
    def perform_request(self, method, target, body=None, headers=None,
                        request_timeout=None):
        if RECORDED.down:
            raise ConnectionError("connection refused (recorded node is down)")
        path = target
        parsed = _parse(body, headers)
        RECORDED.requests.append((method, path, parsed))
        status, answer = 200, None
        for route_method, pattern, canned in RECORDED.routes:
            if route_method == method and pattern.search(path):
                answer = canned(method, path, parsed) if callable(canned) else canned
                break
        if answer is None:
            answer = _default(method, path, parsed)
        if isinstance(answer, tuple):
            status, answer = answer
        meta = ApiResponseMeta(
            status=status, http_version="1.1",
            headers=HttpHeaders({"x-elastic-product": "Elasticsearch",
                                 "content-type": "application/json"}),
            duration=0.0, node=self.config,
        )
        return NodeApiResponse(meta, b"" if method == "HEAD" else json.dumps(answer).encode())
