"""A Maven repository over HTTP for tests/packages/java.sh: GET and HEAD serve
the directory given as argv[1], PUT stores a file there (parents created,
written to a temporary name, then renamed), as Nexus or Reposilite take
`mvn deploy` uploads. Listens on 127.0.0.1, on a free port, printed as
`listening PORT` first; stops when its stdin closes."""

import functools
import http.server
import os
import sys
import tempfile
import threading


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_PUT(self):
        path = self.translate_path(self.path)
        if not path.startswith(os.path.abspath(self.directory) + os.sep):
            self.send_error(403)
            return
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                chunk = self.rfile.read(size)
                self.rfile.readline()
                if size == 0:
                    break
                body += chunk
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".upload-")
        with os.fdopen(fd, "wb") as out:
            out.write(body)
        os.replace(temp, path)
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


def main():
    handler = functools.partial(Handler, directory=sys.argv[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(f"listening {server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
