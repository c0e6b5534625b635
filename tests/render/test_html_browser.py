"""The HTML report in a real headless browser: it renders offline, without console errors.

Chromium (Debian's ``chromium`` package; ``.ci/install-browser`` installs it) loads the
report from a ``file://`` URL with networking off, takes a screenshot and dumps the DOM. The
page's Content Security Policy forbids every external load and every script, and Chromium logs
any violation to the console, so a clean console means the page needed nothing else.

The screenshot is decoded with the standard library (``zlib`` and ``struct``) and must hold
more than one colour. The test is marked ``browser`` and runs in the default suite; it is
skipped, with the reason, only when no Chromium or Chrome binary can be found (set
``REPATGUARD_BROWSER`` to a binary to use another one). It runs in English and in Arabic (a
right-to-left page); the screenshots stay in pytest's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from repatguard.engine.check import check
from repatguard.examples import example
from repatguard.render.html import to_html

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def _browser() -> str | None:
    configured = os.environ.get("REPATGUARD_BROWSER")
    if configured:
        return configured
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


# -- a minimal PNG decoder (8-bit, non-interlaced): enough to count the colours -------------

_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # greyscale, RGB, grey + alpha, RGBA


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, row: bytearray, previous: bytes, bpp: int) -> bytearray:
    if kind == 0:
        return row
    if kind == 2:
        return bytearray((x + b) & 0xFF for x, b in zip(row, previous, strict=True))
    out = bytearray(row)
    for i in range(len(out)):
        a = out[i - bpp] if i >= bpp else 0
        b = previous[i]
        c = previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            out[i] = (out[i] + a) & 0xFF
        elif kind == 3:
            out[i] = (out[i] + ((a + b) >> 1)) & 0xFF
        elif kind == 4:
            out[i] = (out[i] + _paeth(a, b, c)) & 0xFF
        else:
            raise ValueError(f"unknown PNG filter type {kind}")
    return out


def png_colours(data: bytes, enough: int = 2) -> set[bytes]:
    """Distinct pixel values of a PNG, decoding rows until ``enough`` are found."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    position = 8
    header: tuple[int, ...] | None = None
    compressed = bytearray()
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
        position += 12 + length
    if header is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or interlace != 0 or colour_type not in _CHANNELS:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour_type}")
    bpp = _CHANNELS[colour_type]
    stride = width * bpp
    raw = zlib.decompress(bytes(compressed))
    previous = bytes(stride)
    colours: set[bytes] = set()
    for y in range(height):
        start = y * (stride + 1)
        row = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, bpp)
        colours.update(bytes(row[x : x + bpp]) for x in range(0, stride, bpp))
        if len(colours) >= enough:
            break
        previous = bytes(row)
    return colours


def _png(width: int, height: int, pixel: tuple[int, int, int], dot: bool) -> bytes:
    """A small RGB PNG, filled with ``pixel``, with one different pixel when ``dot``."""
    rows = bytearray()
    for y in range(height):
        line = bytearray(bytes(pixel) * width)
        if dot and y == height - 1:
            line[-3:] = bytes(255 - v for v in pixel)
        rows += bytes([1 if y % 2 else 2]) + _filter_sub_or_up(line, y, width, pixel)
    chunks = [
        (b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
        (b"IDAT", zlib.compress(bytes(rows))),
        (b"IEND", b""),
    ]
    out = b"\x89PNG\r\n\x1a\n"
    for kind, body in chunks:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        out += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)
    return out


def _filter_sub_or_up(line: bytearray, y: int, width: int, pixel: tuple[int, int, int]) -> bytes:
    # Odd rows use the Sub filter, even rows the Up filter (against the uniform row above, or
    # zeros for the first row), so the decoder's unfiltering is exercised.
    if y % 2:
        return bytes((line[i] - (line[i - 3] if i >= 3 else 0)) & 0xFF for i in range(len(line)))
    above = bytes(pixel) * width if y else bytes(len(line))
    return bytes((v - a) & 0xFF for v, a in zip(line, above, strict=True))


def test_the_png_decoder_counts_colours() -> None:
    assert png_colours(_png(7, 5, (255, 255, 255), dot=False)) == {b"\xff\xff\xff"}
    assert png_colours(_png(7, 5, (10, 20, 30), dot=True)) == {b"\x0a\x14\x1e", b"\xf5\xeb\xe1"}
    with pytest.raises(ValueError, match="not a PNG"):
        png_colours(b"GIF89a")


# -- the browser ---------------------------------------------------------------------------


_HEADINGS = {
    "en": ('<html lang="en" dir="ltr">', "<h1>Verdict: BLOCKED</h1>"),
    "ar": ('<html lang="ar" dir="rtl">', "<h1>الحكم: محظور</h1>"),
}
"""What the DOM must hold in each language: the page's direction, the verdict heading."""


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(_HEADINGS))
def test_the_html_report_renders_in_a_headless_browser(tmp_path: Path, lang: str) -> None:
    # The screenshot (report.png) stays in pytest's temporary folder, never in the tree.
    browser = _browser()
    if browser is None:
        pytest.skip(
            "no Chromium or Chrome binary found (apt-get install -y chromium, or set "
            "REPATGUARD_BROWSER to a browser binary)"
        )
    item = example("coerced-return-blocked")
    page = tmp_path / "report.html"
    page.write_text(to_html(check(item.load(), as_of=item.as_of), lang=lang), encoding="utf-8")
    screenshot = tmp_path / "report.png"
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={screenshot}",
            "--window-size=1200,900",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hung browser, not a speed requirement
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], "\n".join(console)
    html_tag, heading = _HEADINGS[lang]
    assert html_tag in result.stdout
    assert heading in result.stdout
    assert 'data-verdict="blocked"' in result.stdout
    assert "<svg" in result.stdout
    assert "<script" not in result.stdout.lower()
    assert screenshot.exists(), result.stderr[-2000:]
    assert len(png_colours(screenshot.read_bytes())) > 1, "the screenshot is blank"
