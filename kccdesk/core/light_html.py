"""Answers written as plain text or light HTML, made safe to show: only
paragraphs, line breaks, lists, bold, italic and links to web, mail and
phone addresses are kept; every other tag is left out (its text kept),
scripts and styles with their content, and every attribute but a link's
address. Plain text comes back escaped, its lines kept."""

from __future__ import annotations

import html
from html.parser import HTMLParser

KEPT = frozenset({"p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "a"})
DROPPED_WITH_TEXT = frozenset({"script", "style", "head", "title", "iframe", "object"})
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def safe_html(text: str) -> str:
    if "<" not in text:
        return "<br>".join(html.escape(line) for line in text.splitlines())
    cleaner = _Cleaner()
    cleaner.feed(text)
    cleaner.close()
    return "".join(cleaner.parts)


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0  # inside a script or style
        self._open_links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_TEXT:
            self._hidden += 1
        elif not self._hidden and tag == "a":
            href = dict(attrs).get("href") or ""
            if href.strip().lower().startswith(LINK_SCHEMES):
                self.parts.append(f'<a href="{html.escape(href.strip(), quote=True)}">')
                self._open_links += 1
        elif not self._hidden and tag in KEPT:
            self.parts.append(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._hidden:
            self.parts.append("<br>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_TEXT:
            self._hidden = max(0, self._hidden - 1)
        elif not self._hidden and tag == "a":
            if self._open_links:
                self.parts.append("</a>")
                self._open_links -= 1
        elif not self._hidden and tag in KEPT and tag != "br":
            self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(html.escape(data))
