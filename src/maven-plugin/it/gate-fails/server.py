"""A prices API with three planted defects, so that the gate must FAIL:
- GET /prices/{sku} answers the amount as a string ("12.50"); the contract expects a number;
- DELETE /prices/{sku} is in its OpenAPI document, but no contract exercises it;
- GET /prices/{sku} takes 60 ms, over the 20 ms the objectives allow.

    python3 server.py PORT     (binds 127.0.0.1:PORT)
"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OPENAPI = {"openapi": "3.0.3", "info": {"title": "prices", "version": "1"}, "paths": {
    "/health": {"get": {"tags": ["meta"], "responses": {"200": {"description": "up"}}}},
    "/prices/{sku}": {
        "get": {"responses": {"200": {"description": "the price"}}},
        "delete": {"responses": {"204": {"description": "removed"}}}}}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            return self.answer(200, {"status": "UP"})
        if self.path == "/openapi.json":
            return self.answer(200, OPENAPI)
        if self.path.startswith("/prices/"):
            time.sleep(0.06)
            return self.answer(200, {"sku": self.path[len("/prices/"):], "amount": "12.50"})
        return self.answer(404, {"error": "no such path"})

    def do_DELETE(self):
        return self.answer(204, None)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    print("prices listening on 127.0.0.1:%s" % sys.argv[1], flush=True)
    server.serve_forever()
