#!/usr/bin/env python3
"""The measurements behind ci/bench.sh (read its header first): Markdown on stdout, progress on stderr.

Every run is protoc under /usr/bin/time (CPU and wall time of protoc and its
plugin together), with the plugin itself wrapped in /usr/bin/time too (its own
CPU time and peak RSS). The floor is the same protoc run with a plugin that
only reads the request, so "over the floor" is what a plugin adds to the parse.
Standard library only.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# GNU time's format: user s, system s, peak RSS KiB, wall s.
TIME_FORMAT = "%U %S %M %e"


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


class Measure:
    """user+sys CPU seconds, wall seconds and peak RSS (KiB) of one process tree."""

    def __init__(self, path):
        with open(path) as f:
            # The last line: earlier ones are the command's exit status, if non-zero.
            user, system, rss, wall = f.read().strip().splitlines()[-1].split()
        self.cpu = float(user) + float(system)
        self.wall = float(wall)
        self.rss = int(rss)


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = tempfile.mkdtemp(prefix="protosmith-bench-")
        self.plugins = os.path.join(self.work, "plugins")
        os.makedirs(self.plugins)
        self.inner = os.path.join(self.work, "inner.time")
        self.outer = os.path.join(self.work, "outer.time")

    def plugin(self, name, command):
        """A protoc plugin `protoc-gen-NAME` that runs `command` under /usr/bin/time."""
        path = os.path.join(self.plugins, f"protoc-gen-{name}")
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\nexec /usr/bin/time -f '{TIME_FORMAT}' -o '{self.inner}' {command}\n")
        os.chmod(path, 0o755)
        return path

    def run(self, includes, files, out_flag, options=None):
        """protoc over `files` with one plugin: (protoc and plugin, plugin alone)."""
        out = os.path.join(self.work, "out")
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        name = out_flag
        command = ["/usr/bin/time", "-f", TIME_FORMAT, "-o", self.outer, self.args.protoc]
        command += [f"-I{i}" for i in includes]
        command += [f"--plugin=protoc-gen-{name}={os.path.join(self.plugins, 'protoc-gen-' + name)}"]
        command += [f"--{name}_out={out}"]
        if options is not None:
            command += [f"--{name}_opt={options.replace('{out}', out)}"]
        command += files
        done = subprocess.run(command, cwd=includes[0], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"bench: {' '.join(command[5:9])} ... failed ({done.returncode}):\n{done.stderr[-4000:]}")
        return Measure(self.outer), Measure(self.inner)

    def timed(self, command, cwd):
        """`command` under /usr/bin/time: its whole process tree."""
        done = subprocess.run(["/usr/bin/time", "-f", TIME_FORMAT, "-o", self.outer] + command,
                              cwd=cwd, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"bench: {' '.join(command[:4])} ... failed ({done.returncode}):\n{done.stderr[-4000:]}")
        return Measure(self.outer)

    def whole_job_protoc(self, includes, files):
        """The main job through protoc: one parse, the five default outputs of
        protosmith generate (errors, tests, docs as Markdown, HTML and JSON)."""
        out = os.path.join(self.work, "job-protoc")
        shutil.rmtree(out, ignore_errors=True)
        outputs = {
            "errors": ("protoc-gen-errors", None),
            "test": ("protoc-gen-test", "dir={out}"),
            "md": ("protoc-gen-docs", "format=markdown"),
            "html": ("protoc-gen-docs", "format=html"),
            "json": ("protoc-gen-docs", "format=json"),
        }
        command = [self.args.protoc] + [f"-I{i}" for i in includes]
        for name, (binary, options) in outputs.items():
            folder = os.path.join(out, name)
            os.makedirs(folder)
            command += [f"--plugin=protoc-gen-{name}={os.path.join(self.args.bin, binary)}", f"--{name}_out={folder}"]
            if options:
                command += [f"--{name}_opt={options.replace('{out}', folder)}"]
        return self.timed(command + files, includes[0])

    def whole_job_protosmith(self, include, files):
        """The same job as `protosmith generate` (protox parses; no protoc),
        from a folder without a buf.gen.yaml: the default five outputs."""
        out = os.path.join(self.work, "job-protosmith")
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        command = [os.path.join(self.args.bin, "protosmith"), "generate", "--proto", include, "--out", out]
        return self.timed(command + files, out)


def proto_files(root):
    """The .proto files under `root` (symbolic links followed), relative, sorted."""
    found = []
    for folder, _, names in os.walk(root, followlinks=True):
        found += [os.path.relpath(os.path.join(folder, n), root) for n in names if n.endswith(".proto")]
    return sorted(found)


def corpus_include(corpus, work):
    """The corpus as googleapis.rs lays it out: every folder but google/protobuf
    (protoc's include dir brings the well-known types), linked."""
    include = os.path.join(work, "googleapis")
    os.makedirs(os.path.join(include, "google"))
    for entry in sorted(os.listdir(corpus)):
        if os.path.isdir(os.path.join(corpus, entry)) and entry != "google":
            os.symlink(os.path.join(corpus, entry), os.path.join(include, entry))
    for entry in sorted(os.listdir(os.path.join(corpus, "google"))):
        if os.path.isdir(os.path.join(corpus, "google", entry)) and entry != "protobuf":
            os.symlink(os.path.join(corpus, "google", entry), os.path.join(include, "google", entry))
    return include


def scale_proto(n):
    """One file: a service of `n` methods, each with its own messages, and an error enum of `n` values."""
    lines = [
        'syntax = "proto3";',
        "",
        "// Generated by ci/bench: the scaling stress.",
        "package bench.scale.v1;",
        "",
        'option go_package = "example.com/bench/scale/v1;scalev1";',
        "",
        "// Every way the scale service fails.",
        "// @default_code=INTERNAL",
        "enum ScaleError {",
        "  SCALE_ERROR_UNSPECIFIED = 0;",
    ]
    for i in range(1, n + 1):
        lines += [
            f"  // Failure number {i}.",
            "  // @code=NOT_FOUND",
            f'  // @msg="thing {{id}} number {i} not found"',
            f"  SCALE_ERROR_CASE_{i} = {i};",
        ]
    lines += ["}", "", "// A service with many methods.", "service ScaleService {"]
    for i in range(1, n + 1):
        lines += [f"  // Method{i} does thing {i}.", f"  rpc Method{i}(Method{i}Request) returns (Method{i}Response);"]
    lines += ["}", ""]
    for i in range(1, n + 1):
        lines += [
            f"// What Method{i} takes.",
            f"message Method{i}Request {{",
            "  // The thing's id.",
            "  string id = 1;",
            "}",
            "",
            f"// What Method{i} answers.",
            f"message Method{i}Response {{",
            "  // How many.",
            "  int64 count = 1;",
            "}",
            "",
        ]
    return "\n".join(lines)


def median(values):
    return statistics.median(values)


def mib(kib):
    return f"{kib / 1024:,.0f} MiB"


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) // (1024 * 1024)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{platform.machine()}, {os.cpu_count()} cores ({model}), {memory} GiB, Linux {platform.release()}; load average {load}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, help="the folder holding the built plugins")
    parser.add_argument("--protoc", default="protoc")
    parser.add_argument("--protoc-include", default="/usr/include")
    parser.add_argument("--corpus", default="")
    parser.add_argument("--repeats", type=int)
    parser.add_argument("--sizes", default=None)
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = args.repeats or (1 if args.quick else 3)
    sizes = [int(s) for s in (args.sizes or ("50,200" if args.quick else "2000,8000")).split(",")]

    bench = Bench(args)
    plugins = [
        # (row, plugin name, command, options)
        ("protoc-gen-errors", "errors", os.path.join(args.bin, "protoc-gen-errors"), None),
        ("protoc-gen-docs markdown", "docs", os.path.join(args.bin, "protoc-gen-docs"), "format=markdown"),
        ("protoc-gen-docs html", "docs", None, "format=html"),
        ("protoc-gen-docs json", "docs", None, "format=json"),
        ("protoc-gen-test", "test", os.path.join(args.bin, "protoc-gen-test"), "dir={out}"),
        ("protoc-gen-test lang=go", "test", None, "dir={out},lang=go"),
    ]
    for _, name, command, _ in plugins:
        if command:
            bench.plugin(name, command)
    # pseudomuto's protoc-gen-doc (Go), the docs plugin's yardstick, when installed.
    gopath_doc = os.path.join(os.environ.get("GOPATH", os.path.expanduser("~/go")), "bin", "protoc-gen-doc")
    doc = shutil.which("protoc-gen-doc") or (gopath_doc if os.access(gopath_doc, os.X_OK) else None)
    if doc:
        bench.plugin("doc", doc)
        plugins += [
            ("pseudomuto protoc-gen-doc markdown", "doc", None, "markdown,docs.md"),
            ("pseudomuto protoc-gen-doc html", "doc", None, "html,docs.html"),
        ]
    # The floor reads the request and answers an empty response that supports
    # proto3 optional (supported_features = 1: field 2, varint), as protoc requires.
    bench.plugin("floor", r"""sh -c 'cat >/dev/null; printf "\020\001"'""")
    bench.plugin("capture", rf"""sh -c 'cat > {bench.work}/request.bin; printf "\020\001"'""")

    protoc_version = subprocess.run([args.protoc, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {machine()}.  ")
    print(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; commit {commit}; {protoc_version}; "
          f"{'debug' if args.quick else 'release'} builds; {repeats} alternated repeat(s), medians.")

    if not args.no_corpus:
        if not args.corpus:
            sys.exit("bench: no corpus: run bash ci/install-tools.sh (it installs npm google-proto-files)")
        include = corpus_include(args.corpus, bench.work)
        files = proto_files(include)
        if args.quick:
            files = [f for f in files if f.startswith(("google/api/", "google/rpc/", "google/type/"))]
        includes = [include, args.protoc_include]
        bench.run(includes, files, "capture")
        request = os.path.getsize(os.path.join(bench.work, "request.bin"))
        log(f"corpus: {len(files)} files, request {request / 1e6:.0f} MB; {repeats} repeat(s)")
        results = {"floor": []}
        results.update({row: [] for row, *_ in plugins})
        for repeat in range(repeats):
            log(f"repeat {repeat + 1}/{repeats}")
            results["floor"].append(bench.run(includes, files, "floor"))
            for row, name, _, options in plugins:
                results[row].append(bench.run(includes, files, name, options))
                # The same floor after each plugin too, so the floor samples the same load.
                results["floor"].append(bench.run(includes, files, "floor"))
        floor = median([outer.cpu for outer, _ in results["floor"]])
        print()
        print(f"### googleapis corpus: {len(files)} files (npm google-proto-files), request {request / 1e6:.0f} MB")
        print()
        print("| run | CPU s (protoc + plugin) | over the floor | plugin CPU s | plugin / floor | plugin peak RSS | RSS / request | wall s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        floor_rss = median([outer.rss for outer, _ in results["floor"]])
        floor_wall = median([outer.wall for outer, _ in results["floor"]])
        print(f"| floor: protoc parse + request to `cat` | {floor:.2f} | | | | protoc: {mib(floor_rss)} | | {floor_wall:.1f} |")
        for row, *_ in plugins:
            runs = results[row]
            cpu = median([outer.cpu for outer, _ in runs])
            plugin_cpu = median([inner.cpu for _, inner in runs])
            rss = median([inner.rss for _, inner in runs])
            wall = median([outer.wall for outer, _ in runs])
            print(f"| {row} | {cpu:.2f} | +{(cpu - floor) / floor:.2f}x | {plugin_cpu:.2f} | {plugin_cpu / floor:.2f}x "
                  f"| {mib(rss)} | {rss * 1024 / request:.1f}x | {wall:.1f} |")
        if not doc:
            print()
            print("(pseudomuto protoc-gen-doc not installed: no side-by-side row; put it on PATH to get one.)")

        log("the whole job: protoc with the five outputs, then protosmith generate")
        jobs = {"protoc": [], "protosmith": []}
        for repeat in range(repeats):
            jobs["protoc"].append(bench.whole_job_protoc(includes, files))
            jobs["protosmith"].append(bench.whole_job_protosmith(include, files))
        protoc_job = jobs["protoc"]
        print()
        print("### The whole job: errors, tests, docs (Markdown, HTML, JSON) of the corpus")
        print()
        print("| run | CPU s | wall s | peak RSS (largest process) | CPU / protoc's | wall / protoc's |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for row, key in [("protoc + the five plugins, one invocation", "protoc"),
                         ("`protosmith generate` (protox, in-process plugins)", "protosmith")]:
            cpu = median([m.cpu for m in jobs[key]])
            wall = median([m.wall for m in jobs[key]])
            rss = median([m.rss for m in jobs[key]])
            base_cpu = median([m.cpu for m in protoc_job])
            base_wall = median([m.wall for m in protoc_job])
            print(f"| {row} | {cpu:.2f} | {wall:.1f} | {mib(rss)} | {cpu / base_cpu:.2f}x | {wall / base_wall:.2f}x |")

    scale = {}
    for n in sizes:
        folder = os.path.join(bench.work, f"scale-{n}")
        os.makedirs(os.path.join(folder, "bench/scale/v1"))
        with open(os.path.join(folder, "bench/scale/v1/scale.proto"), "w") as f:
            f.write(scale_proto(n))
        scale[n] = {row: [] for row, *_ in plugins}
    log(f"scaling stress: sizes {sizes}")
    for repeat in range(repeats):
        for n in sizes:
            folder = os.path.join(bench.work, f"scale-{n}")
            for row, name, _, options in plugins:
                _, inner = bench.run([folder, args.protoc_include], ["bench/scale/v1/scale.proto"], name, options)
                scale[n][row].append(inner)
    small, large = sizes[0], sizes[-1]
    print()
    print(f"### Scaling: one file, N methods (own request and response each) and an error enum of N values")
    print()
    print(f"| plugin | CPU s at N={small} | CPU s at N={large} | ratio (linear: {large / small:.0f}x) | peak RSS at N={large} |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row, *_ in plugins:
        a = median([m.cpu for m in scale[small][row]])
        b = median([m.cpu for m in scale[large][row]])
        rss = median([m.rss for m in scale[large][row]])
        ratio = f"{b / a:.2f}x" if a > 0 else "n/a"
        print(f"| {row} | {a:.2f} | {b:.2f} | {ratio} | {mib(rss)} |")
    print()
    print(f"(load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    shutil.rmtree(bench.work, ignore_errors=True)


if __name__ == "__main__":
    main()
