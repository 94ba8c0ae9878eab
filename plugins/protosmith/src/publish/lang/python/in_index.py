"""Whether a PEP 503 simple index lists a release: prints present or absent.

Usage: python in_index.py INDEX_URL NAME VERSION. protosmith publish --lang
python runs it with the Python that runs twine (packaging comes with twine).
Reads the index with the credentials twine uploads with (TWINE_USERNAME,
TWINE_PASSWORD). A redirect to another host means the index has no such
project and forwards to another index (pypiserver's fallback to the public
one): that is absent, not whatever the other index holds.
"""

import base64
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version


class SameHostRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102, PLR0913
        if urllib.parse.urlsplit(newurl).netloc != urllib.parse.urlsplit(req.full_url).netloc:
            raise urllib.error.HTTPError(newurl, 404, "redirected elsewhere", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def main() -> None:
    index, name, version = sys.argv[1:4]
    url = f"{index.rstrip('/')}/{canonicalize_name(name)}/"
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    user, password = os.environ.get("TWINE_USERNAME"), os.environ.get("TWINE_PASSWORD")
    if user and password:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    opener = urllib.request.build_opener(SameHostRedirects)
    try:
        with opener.open(request, timeout=60) as response:
            page = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            print("absent")
            return
        sys.exit(f"{url}: HTTP {error.code} {error.reason}")
    except urllib.error.URLError as error:
        sys.exit(f"{url}: {error.reason}")
    wanted = (canonicalize_name(name), Version(version))
    for href in re.findall(r'href="([^"#?]+)', page):
        filename = urllib.parse.unquote(href.rstrip("/").rsplit("/", 1)[-1])
        try:
            found = parse_wheel_filename(filename)[:2]
        except InvalidWheelFilename:
            try:
                found = parse_sdist_filename(filename)
            except InvalidSdistFilename:
                continue
        if found == wanted:
            print("present")
            return
    print("absent")


main()
