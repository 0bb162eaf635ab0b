"""The bank as an IMS QTI 2.1 content package (``.zip``): ``bonemets quiz export --format qti``.

The package (IMS Content Packaging 1.1 with QTI 2.1 resources) holds

* ``imsmanifest.xml``: one ``imsqti_item_xmlv2p1`` resource per item and one
  ``imsqti_test_xmlv2p1`` resource, the whole bank as one test with a section per chapter;
* ``items/<item id>.xml``: one ``assessmentItem`` per item. Single-answer items are a
  ``choiceInteraction`` with ``maxChoices="1"``; select-all items a ``choiceInteraction`` with
  ``maxChoices="0"`` and a multiple-cardinality correct response (all or nothing); numeric items
  a ``textEntryInteraction`` whose float response is correct within the item's tolerance
  (``equal`` with ``toleranceMode="absolute"``; ``exact`` for tolerance 0). The options are in
  :func:`bonemets.quiz.build.presentation_order` with ``shuffle="true"`` (``false`` for an ordered
  scale); choice identifiers are ``C1``, ``C2``... in that order. Response processing is written
  out (no template), sets ``SCORE`` (1 or 0) and shows the explanation and source as modal
  feedback;
* ``tests/bank.xml``: the ``assessmentTest``.

Text is the built items' HTML (the safe renderer's output), re-parsed and written as XML by
:func:`html_to_qti`: only known XHTML elements are kept (others are unwrapped to their text), only
``href`` on links, and every character is escaped by the XML writer, so each file is well-formed
whatever the bank says. Math stays as ``\\(...\\)`` text (an LMS without MathJax shows the TeX).

Where it can be imported: tools that read QTI 2.1 item packages. Canvas's "QTI .zip file" course
import is the documented route there, but this package has not been imported into a Canvas
instance here. Moodle's core question import has no QTI format: it needs a third-party question
format plugin (e.g. ``qformat_imsqti21``), not tested here either.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

from .build import BuiltItem, presentation_order

__all__ = [
    "QTI_NS",
    "assessment_test_xml",
    "choice_id",
    "html_to_qti",
    "item_xml",
    "manifest_xml",
    "write_qti",
]

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Fixed time stamp of the ZIP entries (the package is the same bytes for the same bank).
ZIP_TIME = (2020, 1, 1, 0, 0, 0)

#: XHTML elements QTI 2.1 allows in item bodies (the rest are unwrapped to their content).
_ALLOWED = frozenset(
    "p br hr em strong b i code pre kbd samp var q cite abbr sub sup small big tt span div "
    "ul ol li dl dt dd table caption thead tbody tfoot tr th td blockquote address "
    "h1 h2 h3 h4 h5 h6 a".split()
)
_VOID = frozenset({"br", "hr"})
#: Elements dropped with their content.
_DROP = frozenset({"script", "style", "template", "iframe", "object", "svg", "math"})


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


class _ToXml(HTMLParser):
    """HTML fragment -> children of a QTI element (unknown tags unwrapped, text escaped)."""

    def __init__(self, parent: ET.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [parent]
        self.dropping = 0

    def _append_text(self, text: str) -> None:
        node = self.stack[-1]
        if len(node):
            last = node[-1]
            last.tail = (last.tail or "") + text
        else:
            node.text = (node.text or "") + text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.dropping += 1
            return
        if tag not in _ALLOWED or self.dropping:
            return
        el = ET.SubElement(self.stack[-1], _q(tag))
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                el.set("href", href)
        if tag not in _VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ALLOWED and not self.dropping:
            ET.SubElement(self.stack[-1], _q(tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)
            return
        if tag not in _ALLOWED or tag in _VOID or self.dropping:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == _q(tag):
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self._append_text(data)


def html_to_qti(fragment: str, parent: ET.Element) -> ET.Element:
    """Append the HTML ``fragment`` to ``parent`` as QTI XHTML; returns ``parent``."""
    parser = _ToXml(parent)
    parser.feed(fragment)
    parser.close()
    return parent


def choice_id(index: int) -> str:
    """The QTI identifier of the option shown at ``index`` (0-based): ``C1``, ``C2``..."""
    return f"C{index + 1}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _block(parent: ET.Element, fragment: str) -> None:
    """A fragment that may be inline (an option, a citation) as block content: in a ``div``."""
    html_to_qti(fragment, _sub(parent, "div"))


def _number(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() else str(int(x))


def item_xml(item: BuiltItem) -> bytes:
    """One ``assessmentItem`` (UTF-8 XML with declaration)."""
    ET.register_namespace("", QTI_NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        _q("assessmentItem"),
        {
            "identifier": item.id,
            "title": item.id,
            "adaptive": "false",
            "timeDependent": "false",
            f"{{{XSI}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
        },
    )
    order = presentation_order(item) if item.type != "numeric" else []
    keys = set(item.answer) if isinstance(item.answer, tuple) else set()
    if item.type == "numeric":
        decl = _sub(root, "responseDeclaration", identifier="RESPONSE", cardinality="single")
        decl.set("baseType", "float")
        _sub(_sub(decl, "correctResponse"), "value", _number(float(item.answer)))  # type: ignore[arg-type]
    else:
        cardinality = "single" if item.type == "single" else "multiple"
        decl = _sub(root, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality)
        decl.set("baseType", "identifier")
        correct = _sub(decl, "correctResponse")
        for i, (k, _) in enumerate(order):
            if k in keys:
                _sub(correct, "value", choice_id(i))
    score = _sub(root, "outcomeDeclaration", identifier="SCORE", cardinality="single")
    score.set("baseType", "float")
    _sub(_sub(score, "defaultValue"), "value", "0")
    fb = _sub(root, "outcomeDeclaration", identifier="FEEDBACK", cardinality="single")
    fb.set("baseType", "identifier")

    body = _sub(root, "itemBody")
    if item.case:
        case = _sub(body, "div")
        html_to_qti(f"<p><strong>{item.case['title_html']}</strong></p>", case)
        html_to_qti(item.case["summary_html"], case)
    html_to_qti(item.stem_html, body)
    if item.type == "numeric":
        p = _sub(body, "p", "Answer: ")
        entry = _sub(p, "textEntryInteraction", responseIdentifier="RESPONSE")
        entry.set("expectedLength", "12")
        entry.tail = f" {item.unit}" if item.unit else None
    else:
        interaction = _sub(
            body,
            "choiceInteraction",
            responseIdentifier="RESPONSE",
            shuffle="false" if item.ordered else "true",
            maxChoices="1" if item.type == "single" else "0",
        )
        if item.type == "multiple":
            _sub(interaction, "prompt", "Select all that apply.")
        for i, (_, h) in enumerate(order):
            html_to_qti(h, _sub(interaction, "simpleChoice", identifier=choice_id(i)))

    rp = _sub(root, "responseProcessing")
    cond = _sub(rp, "responseCondition")
    if_ = _sub(cond, "responseIf")
    if item.type == "numeric":
        tol = item.tolerance or 0.0
        test = _sub(if_, "equal")
        if tol > 0:
            test.set("toleranceMode", "absolute")
            test.set("tolerance", f"{_number(tol)} {_number(tol)}")
        else:
            test.set("toleranceMode", "exact")
    else:
        test = _sub(if_, "match")
    _sub(test, "variable", identifier="RESPONSE")
    _sub(test, "correct", identifier="RESPONSE")
    _sub(_sub(if_, "setOutcomeValue", identifier="SCORE"), "baseValue", "1", baseType="float")
    else_ = _sub(cond, "responseElse")
    _sub(_sub(else_, "setOutcomeValue", identifier="SCORE"), "baseValue", "0", baseType="float")
    set_fb = _sub(rp, "setOutcomeValue", identifier="FEEDBACK")
    _sub(set_fb, "baseValue", "EXPLANATION", baseType="identifier")

    feedback = _sub(
        root,
        "modalFeedback",
        outcomeIdentifier="FEEDBACK",
        identifier="EXPLANATION",
        showHide="show",
        title="Explanation",
    )
    answer = item.answer_html
    if item.type == "numeric" and item.unit:
        answer += f" {item.unit}"
    _block(feedback, f"<p><strong>Answer:</strong> {answer}</p>")
    _block(feedback, item.explanation_html)
    _block(feedback, f"<p>Source: {item.citation_html}</p>")
    return _serialise(root)


def _serialise(root: ET.Element) -> bytes:
    """UTF-8 XML with its declaration; not re-indented (the item body is mixed content)."""
    buf = io.BytesIO()
    ET.ElementTree(root).write(buf, encoding="utf-8", xml_declaration=True)
    return buf.getvalue()


def _item_href(item: BuiltItem) -> str:
    return f"items/{item.id}.xml"


def assessment_test_xml(items: Sequence[BuiltItem], title: str) -> bytes:
    """One ``assessmentTest``: a section per chapter, referring to every item."""
    ET.register_namespace("", QTI_NS)
    root = ET.Element(
        _q("assessmentTest"),
        {
            "identifier": "bonemets-bank",
            "title": title,
            f"{{{XSI}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
        },
    )
    part = _sub(root, "testPart", identifier="all", navigationMode="nonlinear")
    part.set("submissionMode", "individual")
    sections: dict[str, ET.Element] = {}
    for item in items:
        if item.chapter not in sections:
            sections[item.chapter] = _sub(
                part,
                "assessmentSection",
                identifier=f"section-{item.chapter}",
                title=item.chapter_title,
                visible="true",
            )
        ref = _sub(sections[item.chapter], "assessmentItemRef", identifier=item.id)
        ref.set("href", f"../{_item_href(item)}")
    return _serialise(root)


def manifest_xml(items: Sequence[BuiltItem], title: str) -> bytes:
    """``imsmanifest.xml``: one resource per item and one for the test."""
    ET.register_namespace("", CP_NS)
    ET.register_namespace("xsi", XSI)

    def cp(tag: str) -> str:
        return f"{{{CP_NS}}}{tag}"

    root = ET.Element(
        cp("manifest"),
        {"identifier": "bonemets-quiz-qti21", f"{{{XSI}}}schemaLocation": f"{CP_NS} {CP_XSD}"},
    )
    meta = ET.SubElement(root, cp("metadata"))
    ET.SubElement(meta, cp("schema")).text = "QTIv2.1 Package"
    ET.SubElement(meta, cp("schemaversion")).text = "1.0.0"
    ET.SubElement(root, cp("organizations"))
    resources = ET.SubElement(root, cp("resources"))
    test = ET.SubElement(
        resources,
        cp("resource"),
        {"identifier": "RES-bank", "type": "imsqti_test_xmlv2p1", "href": "tests/bank.xml"},
    )
    ET.SubElement(test, cp("file"), {"href": "tests/bank.xml"})
    for item in items:
        ET.SubElement(test, cp("dependency"), {"identifierref": f"RES-{item.id}"})
    for item in items:
        res = ET.SubElement(
            resources,
            cp("resource"),
            {
                "identifier": f"RES-{item.id}",
                "type": "imsqti_item_xmlv2p1",
                "href": _item_href(item),
            },
        )
        ET.SubElement(res, cp("file"), {"href": _item_href(item)})
    ET.indent(root)
    buf = io.BytesIO()
    ET.ElementTree(root).write(buf, encoding="utf-8", xml_declaration=True)
    return buf.getvalue()


def write_qti(
    items: Sequence[BuiltItem], out: str | Path, title: str = "Bone Metastases course"
) -> int:
    """Write the QTI 2.1 package to ``out`` (a ``.zip``); returns the number of items."""

    def add(z: zipfile.ZipFile, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        z.writestr(info, data)

    with zipfile.ZipFile(out, "w") as z:
        add(z, "imsmanifest.xml", manifest_xml(items, title))
        add(z, "tests/bank.xml", assessment_test_xml(items, title))
        for item in items:
            add(z, _item_href(item), item_xml(item))
    return len(items)
