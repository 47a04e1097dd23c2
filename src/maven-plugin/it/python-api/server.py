"""A small bookshelf API on the standard library only: the provider that the gate checks.

    python3 server.py PORT

Binds 127.0.0.1:PORT. GET /health, GET /books, GET /books/{id}, POST /books, and
POST /_gauntlet/provider-state for the contract tests' provider states.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEED = {1: {"id": 1, "title": "Dune", "author": "Frank Herbert"},
        2: {"id": 2, "title": "Solaris", "author": "Stanislaw Lem"}}
books = dict(SEED)
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every answer has a Content-Length
    server_version = "bookshelf"   # not "BaseHTTP/0.6 Python/3.x.y": no versions in the Server header
    sys_version = ""

    def log_message(self, fmt, *args):  # no line per request
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw or b"{}")
        except (ValueError, RecursionError):  # RecursionError: nesting too deep for the parser
            return None

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/health":
            return self.answer(200, {"status": "UP"})
        if path == "/books":
            with lock:
                return self.answer(200, {"items": sorted(books.values(), key=lambda b: b["id"])})
        if path.startswith("/books/"):
            try:
                book = books.get(int(path[len("/books/"):]))
            except ValueError:
                book = None
            if book is None:
                return self.answer(404, {"error": "no such book"})
            return self.answer(200, book)
        return self.answer(404, {"error": "no such path"})

    def do_POST(self):
        path = self.path.split("?")[0]
        body = self.body()
        if path == "/_gauntlet/provider-state":
            # Pact posts {"state", "params", "action"}; states start from the seed
            with lock:
                books.clear()
                books.update(SEED)
                if body and body.get("state") == "book 42 exists":
                    books[42] = {"id": 42, "title": "The Hitchhiker's Guide", "author": "Douglas Adams"}
            return self.answer(200, {})
        if path == "/books":
            if not body or not isinstance(body.get("title"), str) or not isinstance(body.get("author"), str):
                return self.answer(400, {"error": "title and author are required"})
            with lock:
                new_id = max(books) + 1 if books else 1
                books[new_id] = {"id": new_id, "title": body["title"], "author": body["author"]}
                return self.answer(201, books[new_id])
        return self.answer(404, {"error": "no such path"})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    print("bookshelf listening on 127.0.0.1:%s" % sys.argv[1], flush=True)
    server.serve_forever()
