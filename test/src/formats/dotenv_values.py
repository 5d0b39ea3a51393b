"""Prints, as JSON, the variables of the dotenv file named by argv[1], read as python-dotenv reads them.

A standard-library copy of python-dotenv 1.x's parser (dotenv/parser.py) and of the ${VAR}
interpolation dotenv_values() applies by default to every value, quoted or not, so that the tests need no pip install. With
--real, python-dotenv itself reads the file (the test then checks that both agree).
"""
import codecs
import json
import os
import re
import sys

_WHITESPACE = re.compile(r"[^\S\r\n]*")
_EXPORT = re.compile(r"(?:export[^\S\r\n]+)?")
_SINGLE_QUOTED_KEY = re.compile(r"'([^']+)'")
_UNQUOTED_KEY = re.compile(r"([^=\#\s]+)")
_EQUAL_SIGN = re.compile(r"(=[^\S\r\n]*)")
_SINGLE_QUOTED_VALUE = re.compile(r"'((?:\\'|[^'])*)'")
_DOUBLE_QUOTED_VALUE = re.compile(r'"((?:\\"|[^"])*)"')
_UNQUOTED_VALUE = re.compile(r"([^\r\n]*)")
_COMMENT = re.compile(r"(?:[^\S\r\n]*#[^\r\n]*)?")
_END_OF_LINE = re.compile(r"[^\S\r\n]*(?:\r\n|\n|\r|$)")
_REST_OF_LINE = re.compile(r"[^\r\n]*(?:\r|\n|\r\n)?")
_MULTILINE_WHITESPACE = re.compile(r"\s*")
_DOUBLE_QUOTE_ESCAPES = re.compile(r"\\[\\'\"abfnrtv]")
_SINGLE_QUOTE_ESCAPES = re.compile(r"\\[\\']")
_POSIX_VARIABLE = re.compile(r"\$\{(?P<name>[^\}:]*)(?::-(?P<default>[^\}]*))?\}")


class _Error(Exception):
    pass


class _Reader:
    def __init__(self, text):
        self.text = text
        self.position = 0

    def has_next(self):
        return self.position < len(self.text)

    def peek(self, count):
        return self.text[self.position:self.position + count]

    def read_regex(self, regex):
        match = regex.match(self.text, self.position)
        if match is None:
            raise _Error()
        self.position = match.end()
        return match.groups()


def _decode_escapes(regex, string):
    return regex.sub(lambda match: codecs.decode(match.group(0), "unicode-escape"), string)


def _parse_value(reader):
    char = reader.peek(1)
    if char == "'":
        (value,) = reader.read_regex(_SINGLE_QUOTED_VALUE)
        return _decode_escapes(_SINGLE_QUOTE_ESCAPES, value)
    if char == '"':
        (value,) = reader.read_regex(_DOUBLE_QUOTED_VALUE)
        return _decode_escapes(_DOUBLE_QUOTE_ESCAPES, value)
    if char in ("", "\n", "\r"):
        return ""
    (part,) = reader.read_regex(_UNQUOTED_VALUE)
    return re.sub(r"\s+#.*", "", part).rstrip()


def _bindings(text):
    reader = _Reader(text)
    while reader.has_next():
        start = reader.position
        try:
            reader.read_regex(_MULTILINE_WHITESPACE)
            if not reader.has_next():
                return
            reader.read_regex(_EXPORT)
            if reader.peek(1) == "'":
                (key,) = reader.read_regex(_SINGLE_QUOTED_KEY)
            else:
                (key,) = reader.read_regex(_UNQUOTED_KEY)
            if key.startswith("#"):
                reader.read_regex(_REST_OF_LINE)
                continue
            reader.read_regex(_WHITESPACE)
            if reader.peek(1) == "=":
                reader.read_regex(_EQUAL_SIGN)
                value = _parse_value(reader)
            else:
                value = None
            reader.read_regex(_COMMENT)
            reader.read_regex(_END_OF_LINE)
            yield key, value
        except _Error:
            reader.position = start
            reader.read_regex(_REST_OF_LINE)
            print(f"python-dotenv could not parse the statement at offset {start}", file=sys.stderr)


def dotenv_values(text):
    values = {}
    for key, value in _bindings(text):
        if value is not None:
            def replace(match):
                name = match.group("name")
                found = values.get(name, os.environ.get(name))
                return found if found is not None else (match.group("default") or "")
            value = _POSIX_VARIABLE.sub(replace, value)
        values[key] = value
    return values


if __name__ == "__main__":
    if sys.argv[1] == "--real":
        import dotenv
        print(json.dumps(dotenv.dotenv_values(sys.argv[2])))
    else:
        # as python-dotenv opens the file: text mode, universal newlines
        with open(sys.argv[1], encoding="utf-8") as file:
            print(json.dumps(dotenv_values(file.read())))
