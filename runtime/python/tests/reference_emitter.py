"""The Python emitter of protoc-gen-errors, as an executable specification.

GENERATED.md describes, in words, the ``*_errors.py`` modules protoc-gen-errors
writes for ``lang=python``; this module is the same description in Python, so
the tests can check it: from the model protosmith-core hands every emitter
(``ErrorEnum``/``ErrorValue`` of ``plugins/protosmith-core/src/catalog``), it
writes the golden files under tests/interop/python/gen byte for byte, and
modules for hostile models that must still import, type-check and be a fixed
point of ``ruff format``. The Rust emitter is a port of this file.
"""

from __future__ import annotations

import dataclasses
import keyword
import re
import unicodedata
from collections.abc import Iterator

LINE_LENGTH = 88
RUNTIME = "protosmith_grpc_errors"


@dataclasses.dataclass(frozen=True)
class Value:
    """An ``ErrorValue`` of the model."""

    name: str
    full_name: str
    number: int
    code: str
    reason: str
    domain: str
    message: str
    i18n: tuple[tuple[str, str], ...] = ()
    doc: str = ""
    deprecated: bool = False

    @property
    def placeholders(self) -> list[str]:
        """Placeholders of the message, in order of first appearance, deduplicated."""
        found: list[str] = []
        for match in re.finditer(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_-]*)\}", self.message):
            name = match.group(1)
            if name is not None and name not in found:
                found.append(name)
        return found


@dataclasses.dataclass(frozen=True)
class Enum:
    """An ``ErrorEnum`` of the model."""

    name: str
    full_name: str
    parents: tuple[str, ...]
    values: tuple[Value, ...]
    doc: str = ""
    deprecated: bool = False


@dataclasses.dataclass(frozen=True)
class File:
    """The error enums of one ``.proto`` file, in declaration order
    (top-level and nested enums in the order of their position in the file)."""

    name: str
    package: str
    enums: tuple[Enum, ...]


# --- names -----------------------------------------------------------------


def words(name: str) -> list[str]:
    """heck's word split: non-alphanumerics separate words; a word also ends
    before an upper-case letter that follows a lower-case letter or digit,
    and before the last upper-case letter of a run followed by a lower-case one."""
    found: list[str] = []
    for part in re.split(r"[^A-Za-z0-9]+", name):
        found += re.findall(r"[0-9]*[A-Z]+[0-9]*(?![a-z])|[0-9]*[A-Z]?[a-z][a-z0-9]*|[0-9]+", part)
    return [word for word in found if word]


def snake(name: str) -> str:
    return "_".join(word.lower() for word in words(name))


def pascal(name: str) -> str:
    return "".join(word[:1].upper() + word[1:].lower() for word in words(name))


def shouty(name: str) -> str:
    return "_".join(word.upper() for word in words(name))


def identifier(name: str) -> str:
    """A Python keyword gets a trailing underscore (PEP 8)."""
    return f"{name}_" if keyword.iskeyword(name) else name


def kind_name(enum: Enum) -> str:
    """``UserError`` → ``UserErrorKind``; ``Payment.Error`` → ``PaymentErrorKind``."""
    return "".join(pascal(part) for part in (*enum.parents, enum.name)) + "Kind"


_RESERVED_MEMBERS = {"name", "value", "definition", "from_error", "error", "matches", "mro"}


def member_names(enum: Enum) -> list[str]:
    """The enum's name stripped from the front of each value's name, as prost
    does (``USER_ERROR_NOT_FOUND`` of ``UserError`` → ``NOT_FOUND``), when what
    is left starts with a letter and every stripped name stays unique."""
    prefix = shouty(enum.name) + "_"
    stripped = [
        value.name[len(prefix) :]
        if value.name.startswith(prefix)
        and value.name[len(prefix) :][:1].isascii()
        and value.name[len(prefix) :][:1].isalpha()
        else value.name
        for value in enum.values
    ]
    if len(set(stripped)) < len(stripped):
        stripped = [value.name for value in enum.values]
    return [
        f"V{name}"
        if name.startswith("_")
        else f"{name}_"
        if keyword.iskeyword(name) or name in _RESERVED_MEMBERS
        else name
        for name in stripped
    ]


def factory_base(enum: Enum, value: Value) -> str:
    """The value's name relative to its package, in snake case."""
    return "".join(f"{snake(parent)}_" for parent in enum.parents) + snake(value.name)


_USED_BUILTINS = {"object", "bool"}


def factory_name(base: str) -> str:
    """A keyword, or a builtin the module's annotations use (which a
    module-level function would shadow), gets a trailing underscore."""
    return f"{base}_" if base in _USED_BUILTINS else identifier(base)


def parameters(value: Value) -> list[tuple[str, str]]:
    """``(placeholder, parameter)`` pairs: the placeholder in snake case, a
    keyword with a trailing underscore, and underscores appended until unique."""
    taken: set[str] = set()
    pairs = []
    for placeholder in value.placeholders:
        parameter = identifier(snake(placeholder) or "arg")
        while parameter in taken:
            parameter += "_"
        taken.add(parameter)
        pairs.append((placeholder, parameter))
    return pairs


# --- literals and docstrings -----------------------------------------------

_ESCAPED = {
    *range(0x00, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    0xAD,
    0x061C,
    0x180E,
    *range(0x200B, 0x2010),
    *range(0x2028, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x2070),
    0xFEFF,
    *range(0xFFF9, 0xFFFC),
}
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_char(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    point = ord(char)
    if point in _ESCAPED:
        return f"\\x{point:02x}" if point <= 0xFF else f"\\u{point:04x}"
    if char == "\\":
        return "\\\\"
    return char


def string(text: str) -> str:
    """A string literal as ruff's formatter leaves it: double quotes unless
    the text holds more double than single quotes."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    return quote + "".join("\\" + c if c == quote else escape_char(c) for c in text) + quote


def docstring(text: str, indent: str) -> list[str]:
    """The lines of a docstring (without a trailing newline): first line after
    the quotes, the rest at ``indent``, common indentation removed, trailing
    whitespace dropped, quotes that could end the literal escaped."""
    lines = [
        "".join(escape_char(c) if c != "\n" else c for c in line).rstrip()
        for line in text.split("\n")
    ]
    lines[0] = lines[0].lstrip()
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    rest = [line for line in lines[1:] if line]
    common = min((len(line) - len(line.lstrip(" ")) for line in rest), default=0)
    lines = [lines[0]] + [line[common:] for line in lines[1:]]
    body = "\n".join(lines)
    out = []
    for index, char in enumerate(body):
        following = body[index + 1 : index + 2]
        out.append('\\"' if char == '"' and (following in ('"', "") or index == 0) else char)
    escaped = "".join(out).split("\n")
    if len(escaped) == 1:
        return [f'{indent}"""{escaped[0]}"""']
    return [
        f'{indent}"""{escaped[0]}',
        *(f"{indent}{line}" if line else "" for line in escaped[1:]),
        f'{indent}"""',
    ]


def width(line: str) -> int:
    """Display width as ruff measures it (unicode-width: East Asian wide and
    fullwidth characters count 2, combining marks 0)."""
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
        for c in line
    )


def fits(line: str) -> bool:
    return width(line) <= LINE_LENGTH


def paragraphs(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


# --- the module ----------------------------------------------------------------


def emit(file: File) -> str:
    """The ``*_errors.py`` module for ``file``."""
    module_doc = f"Errors declared in ``{file.name}`` (package ``{file.package}``)."
    exported: list[str] = []
    body: list[str] = []
    for enum in file.enums:
        kind = kind_name(enum)
        exported.append(kind)
        body += ["", "", *emit_kind(enum, kind)]
        register = f"{RUNTIME_ALIAS}.register({kind})"
        body += ["", ""]
        body += [register] if fits(register) else [f"{RUNTIME_ALIAS}.register(", f"    {kind}", ")"]
        for value, member in zip(enum.values, member_names(enum), strict=True):
            base = factory_base(enum, value)
            exported += [factory_name(base), f"is_{base}"]
            body += ["", "", *emit_factory(enum, value, kind, member, factory_name(base))]
            body += ["", "", *emit_is(value, kind, member, f"is_{base}")]
    for enum in file.enums:
        check_unique(f"members of {enum.full_name}", member_names(enum))
    check_unique(f"names of {file.name}", exported)
    lines = [
        "# Code generated by protoc-gen-errors. DO NOT EDIT.",
        f"# source: {''.join(escape_char(c) for c in file.name)}",
        *docstring(module_doc, ""),
        "",
        f"import {RUNTIME} as {RUNTIME_ALIAS}",
        "",
        "__all__ = [",
        *(f"    {string(name)}," for name in sorted(exported)),
        "]",
        *body,
    ]
    return "\n".join(lines) + "\n"


RUNTIME_ALIAS = "_errors"


class NameClashError(ValueError):
    """Two generated names coincide: protoc-gen-errors reports a diagnostic."""


def check_unique(what: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise NameClashError(f"{what}: {name} would be generated twice")
        seen.add(name)


def emit_kind(enum: Enum, kind: str) -> Iterator[str]:
    header = f"class {kind}({RUNTIME_ALIAS}.ErrorKind):"
    yield from (
        [header] if fits(header) else [f"class {kind}(", f"    {RUNTIME_ALIAS}.ErrorKind", "):"]
    )
    about = (
        f"The errors of ``{enum.full_name}``.\n"
        f"``{kind}.from_error(error)`` tells which one an error is."
    )
    deprecated = "Deprecated: the proto declares this enum deprecated." if enum.deprecated else ""
    yield from docstring(paragraphs(enum.doc, about, deprecated), "    ")
    for value, member in zip(enum.values, member_names(enum), strict=True):
        yield ""
        yield f"    {member} = {RUNTIME_ALIAS}.ErrorDef("
        yield f"        code={RUNTIME_ALIAS}.Code.{value.code},"
        yield f"        reason={string(value.reason)},"
        yield f"        domain={string(value.domain)},"
        yield f"        message={string(value.message)},"
        if value.placeholders:
            yield "        placeholders=["
            yield from (f"            {string(name)}," for name in value.placeholders)
            yield "        ],"
        else:
            yield "        placeholders=[],"
        if value.i18n:
            yield "        i18n={"
            yield from (f"            {string(key)}: {string(text)}," for key, text in value.i18n)
            yield "        },"
        else:
            yield "        i18n={},"
        yield f"        proto_name={string(value.full_name)},"
        yield f"        number={value.number},"
        yield "    )"
        if value.doc:
            yield from docstring(value.doc, "    ")


def emit_factory(enum: Enum, value: Value, kind: str, member: str, name: str) -> Iterator[str]:
    returns = f"{RUNTIME_ALIAS}.GrpcError"
    pairs = parameters(value)
    if not pairs:
        header = f"def {name}() -> {returns}:"
        yield from [header] if fits(header) else [f"def {name}() -> (", f"    {returns}", "):"]
    else:
        yield f"def {name}("
        yield "    *,"
        yield from (f"    {parameter}: object," for _, parameter in pairs)
        yield f") -> {returns}:"
    facts = f"Code ``{value.code}`` (HTTP {HTTP[value.code]}), reason\n``{value.reason}``." + (
        f"\nDomain ``{value.domain}``." if value.domain else ""
    )
    if pairs:
        facts += (
            f"\nMessage ``{value.message}``; each argument is\n"
            "also sent as metadata under its placeholder's name."
        )
    deprecated = "Deprecated: the proto declares this error deprecated." if value.deprecated else ""
    yield from docstring(paragraphs(value.doc, facts, deprecated), "    ")
    args: list[str] = []
    for placeholder, parameter in pairs:
        if placeholder.isidentifier() and not keyword.iskeyword(placeholder):
            args.append(f"{placeholder}={parameter}")
            continue
        # Always exploded (a magic trailing comma), so ruff never re-wraps it.
        args.append(f"**{{\n    {string(placeholder)}: {parameter},\n}}")
    yield from returned_call(f"{kind}.{member}.error(", args, magic=True)


def emit_is(value: Value, kind: str, member: str, name: str) -> Iterator[str]:
    header = f"def {name}(error: BaseException | None) -> bool:"
    yield from (
        [header]
        if fits(header)
        else [
            f"def {name}(",
            "    error: BaseException | None,",
            ") -> bool:",
        ]
    )
    yield from docstring(
        f"Whether ``error`` is ``{value.reason}``.\n\n"
        "Same reason and domain; ``error`` may be a ``GrpcError``, a ``grpc.RpcError``\n"
        "or an exception caused by one.",
        "    ",
    )
    yield from returned_call(f"{kind}.{member}.matches(", ["error"], magic=False)


def returned_call(head: str, args: list[str], *, magic: bool) -> list[str]:
    """``return <head><args>)`` laid out as ruff does: flat when it fits
    (never with a magic trailing comma); else the arguments one per line;
    but when ``return <head>`` is too long and ``<head>`` fits alone, inside
    parentheses; a call without arguments is flat or parenthesized flat."""
    if not args:
        flat = f"    return {head})"
        if fits(flat) or not fits(f"        {head})"):
            return [flat]
        return ["    return (", f"        {head})", "    )"]
    comma = "," if magic else ""
    flat_args = ", ".join(args)
    if not magic and fits(f"    return {head}{flat_args})"):
        return [f"    return {head}{flat_args})"]
    split = [f"    return {head}", *indented(args, comma, "        "), "    )"]
    if fits(f"    return {head}") or not fits(f"        {head}"):
        return split
    if not magic and fits(f"        {head}{flat_args})"):
        return ["    return (", f"        {head}{flat_args})", "    )"]
    return [
        "    return (",
        f"        {head}",
        *indented(args, comma, "            "),
        "        )",
        "    )",
    ]


def indented(args: list[str], comma: str, indent: str) -> list[str]:
    """Arguments one per line (an argument may span lines), each with ``comma``."""
    return [f"{indent}{line}" for arg in args for line in f"{arg}{comma}".split("\n")]


HTTP = {
    "CANCELLED": 499,
    "UNKNOWN": 500,
    "INVALID_ARGUMENT": 400,
    "DEADLINE_EXCEEDED": 504,
    "NOT_FOUND": 404,
    "ALREADY_EXISTS": 409,
    "PERMISSION_DENIED": 403,
    "RESOURCE_EXHAUSTED": 429,
    "FAILED_PRECONDITION": 400,
    "ABORTED": 409,
    "OUT_OF_RANGE": 400,
    "UNIMPLEMENTED": 501,
    "INTERNAL": 500,
    "UNAVAILABLE": 503,
    "DATA_LOSS": 500,
    "UNAUTHENTICATED": 401,
}


def module_path(proto_file: str) -> str:
    """Where the module goes, relative to ``--python_out`` (``out:`` of buf):
    grpcio-tools' ``_pb2.py`` path with ``_errors.py`` instead (a ``.`` left
    in the name separates packages, as ``/`` does)."""
    stem = re.sub(r"\.proto$", "", proto_file)
    return stem.replace("-", "_").replace(".", "/") + "_errors.py"
