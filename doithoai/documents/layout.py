"""Built-in templates are drawn here, in code, in the layout of NĐ 30/2020 Phụ lục I (or of HD 36-HD/VPTW
for the Party), with docxtpl's Jinja tags where the data goes. A unit downloads the result, edits it in
Word and uploads it back (templates.py checks it). Drawing them in code keeps one header, one signature
block and one set of sizes for every kind, and no binary files in the repository.

Sizes follow domain-spec §4.1's "example pt" column: Quốc hiệu 12 bold, Tiêu ngữ 13 bold, issuer 12 bold,
Số 13, place and date 13 italic, type name and trích yếu 14 bold, body 14, signer 14 bold, "Nơi nhận:"
12 bold italic and its list 11. A4, margins top and bottom 20 mm, left 30 mm, right 15 mm. Page numbers
centred in the top margin, hidden on page 1.
"""

from __future__ import annotations

import io
from typing import Literal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TEXT_WIDTH_MM = 165  # 210 − 30 − 15

Align = Literal["left", "center", "right", "justify"]
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _set_run_font(run_or_style_font_element: object, name: str = FONT) -> None:
    """Times New Roman for every script, Vietnamese included (python-docx sets only the ASCII slot)."""
    rpr = run_or_style_font_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _border(paragraph: Paragraph, side: str = "bottom", size: int = 6) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), "000000")
    borders.append(edge)


def _table_borders(table: Table, *, visible: bool) -> None:
    """Single black lines round and between every cell (data tables), or none (the header and signature grids)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:color"), "000000")
        borders.append(edge)
    tbl_pr.append(borders)


def _page_number_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.size = Pt(BODY_PT)


class Builder:
    """One document being drawn. Methods add blocks at the end of the body (or of a table cell)."""

    def __init__(self, *, landscape: bool = False) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = Mm(20)
        section.bottom_margin = Mm(20)
        section.left_margin = Mm(30)
        section.right_margin = Mm(15)
        section.header_distance = Mm(10)
        self.text_width_mm = (297 if landscape else 210) - 45
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        _set_run_font(normal.element)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.0
        # Page numbers: centred in the top margin, not on page 1 (NĐ 30 Phụ lục I, I.8).
        section.different_first_page_header_footer = True
        header_paragraph = section.header.paragraphs[0]
        header_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number_field(header_paragraph)
        self.doc.core_properties.author = "doithoai"
        self.doc.core_properties.title = ""

    # ------------------------------------------------------------------ paragraphs

    def para(
        self,
        text: str = "",
        *,
        container: _Cell | None = None,
        bold: bool = False,
        italic: bool = False,
        size: float = BODY_PT,
        align: Align = "justify",
        indent: bool = False,
        after: float = 6,
        before: float = 0,
        keep_with_next: bool = False,
    ) -> Paragraph:
        """A paragraph. In a table cell, the cell's first empty paragraph is used first."""
        if container is not None:
            first = container.paragraphs[0]
            paragraph = first if not first.text and not first.runs else container.add_paragraph()
        else:
            paragraph = self.doc.add_paragraph()
        if text:
            run = paragraph.add_run(text)
            run.bold = bold
            run.italic = italic
            run.font.size = Pt(size)
        fmt = paragraph.paragraph_format
        paragraph.alignment = _ALIGN[align]
        fmt.space_after = Pt(after)
        fmt.space_before = Pt(before)
        fmt.first_line_indent = Cm(1) if indent else None
        if keep_with_next:
            fmt.keep_with_next = True
        return paragraph

    def tag(self, tag: str, *, container: _Cell | None = None) -> Paragraph:
        """A paragraph holding only a block tag ('{%p for x in xs %}'): docxtpl removes the paragraph."""
        return self.para(tag, container=container, after=0, align="left")

    def body(self, text: str, **kwargs: object) -> Paragraph:
        """A paragraph of body text: 14 pt, justified, first line indented 1 cm."""
        kwargs.setdefault("indent", True)
        return self.para(text, **kwargs)  # type: ignore[arg-type]

    def heading(self, text: str, **kwargs: object) -> Paragraph:
        """'I. MỤC ĐÍCH, YÊU CẦU': bold, indented like the body (reports and plans, §4.1 ô 6)."""
        kwargs.setdefault("bold", True)
        kwargs.setdefault("indent", True)
        kwargs.setdefault("keep_with_next", True)
        return self.para(text, **kwargs)  # type: ignore[arg-type]

    def page_break(self) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        paragraph.paragraph_format.space_after = Pt(0)

    def rule(self, paragraph: Paragraph, *, fraction: float, column_mm: float) -> Paragraph:
        """A solid line under `paragraph`, `fraction` of the column wide, centred (the rules of ô 1, ô 2 and
        ô 5a): an empty 1-pt paragraph after it with a top border, narrowed by its indents."""
        line = OxmlElement("w:p")
        paragraph._p.addnext(line)
        rule = Paragraph(line, paragraph._parent)
        side = column_mm * (1 - fraction) / 2
        fmt = rule.paragraph_format
        fmt.left_indent = Mm(side)
        fmt.right_indent = Mm(side)
        fmt.space_before = Pt(0)
        fmt.space_after = paragraph.paragraph_format.space_after
        fmt.line_spacing = Pt(1)
        paragraph.paragraph_format.space_after = Pt(1)
        _border(rule, "top", 6)
        return rule

    # ------------------------------------------------------------------ tables

    def grid(self, cols_mm: list[float], *, borders: bool = False, rows: int = 1) -> Table:
        table = self.doc.add_table(rows=rows, cols=len(cols_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        # Word reads the cells' widths, LibreOffice the grid's: set both.
        for index, width in enumerate(cols_mm):
            table.columns[index].width = Mm(width)
        for row in table.rows:
            for index, width in enumerate(cols_mm):
                row.cells[index].width = Mm(width)
        _table_borders(table, visible=borders)
        return table

    def data_table(
        self, headers: list[str], cells: list[str], widths_mm: list[float], *, loop: str, size: float = 12
    ) -> Table:
        """A bordered table: a bold header row, then one row per item of `loop` ('r in rows'), whose cells
        are `cells` (Jinja expressions such as '{{ r.text }}'). docxtpl's '{%tr %}' repeats the row."""
        table = self.grid(widths_mm, borders=True, rows=4)
        for index, text in enumerate(headers):
            self.para(text, container=table.rows[0].cells[index], bold=True, size=size, align="center", after=0)
        self.para(f"{{%tr for {loop} %}}", container=table.rows[1].cells[0], size=size, after=0)
        for index, text in enumerate(cells):
            self.para(text, container=table.rows[2].cells[index], size=size, align="left", after=0)
        self.para("{%tr endfor %}", container=table.rows[3].cells[0], size=size, after=0)
        # The header row repeats on every page.
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        tr_pr.append(header)
        return table

    # ------------------------------------------------------------------ the fixed blocks

    def draft_mark(self) -> None:
        """'DỰ THẢO' above the header while the document has no number."""
        self.para("{% if draft %}DỰ THẢO{% endif %}", bold=True, size=12, align="right", after=0)

    def header(self, layout: str = "state") -> None:
        """ô 1–4 (NĐ 30) or the Party's header (HD 36): a borderless two-column table."""
        left_mm, right_mm = 68, self.text_width_mm - 68
        table = self.grid([left_mm, right_mm])
        left, right = table.rows[0].cells
        if layout == "party":
            self.para("{{ parent_line }}", container=left, size=14, align="center", after=0)
            self.para("{{ issuer_name }}", container=left, size=14, bold=True, align="center", after=0)
            self.para("*", container=left, size=14, align="center", after=2)
            self.para("{{ number_line }}", container=left, size=14, align="center", after=0)
            title = self.para("ĐẢNG CỘNG SẢN VIỆT NAM", container=right, size=15, bold=True, align="center", after=10)
            self.rule(title, fraction=0.72, column_mm=right_mm)
            self.para("{{ place_date }}", container=right, size=14, italic=True, align="right", after=0)
        else:
            self.para("{{ parent_line }}", container=left, size=12, align="center", after=0)
            name = self.para("{{ issuer_name }}", container=left, size=12, bold=True, align="center", after=6)
            self.rule(name, fraction=0.4, column_mm=left_mm)
            self.para("{{ number_line }}", container=left, size=13, align="center", after=0)
            self.para(
                "{% if subject_line %}{{ subject_line }}{% endif %}", container=left, size=12, align="center", after=0
            )
            self.para(
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", container=right, size=12, bold=True, align="center", after=0
            )
            motto = self.para(
                "Độc lập - Tự do - Hạnh phúc", container=right, size=13, bold=True, align="center", after=6
            )
            self.rule(motto, fraction=0.62, column_mm=right_mm)
            self.para("{{ place_date }}", container=right, size=13, italic=True, align="center", after=0)

    def title(self, layout: str = "state", *, summary: bool = True) -> None:
        """ô 5a: the type name and the trích yếu, with a short rule below."""
        size = 16 if layout == "party" else 14
        self.para("{{ type_name }}", bold=True, size=size, align="center", before=18, after=0, keep_with_next=True)
        if summary:
            line = self.para("{{ summary }}", bold=True, size=14, align="center", after=12)
            self.rule(line, fraction=0.3, column_mm=self.text_width_mm)
        self.para("{% if replaces_line %}{{ replaces_line }}{% endif %}", italic=True, size=13, align="center", after=6)

    def legal_bases(self) -> None:
        """ô 6 căn cứ: one per line, italic, indented (the context's `legal_bases` list of lines)."""
        self.tag("{%p for basis in legal_bases %}")
        self.body("{{ basis }}", italic=True)
        self.tag("{%p endfor %}")

    def recipient_line(self) -> None:
        """ô 9a 'Kính gửi: …' for reports sent up and letters."""
        self.tag("{%p if addressees %}")
        self.tag("{%p if addressees|length == 1 %}")
        self.para("Kính gửi: {{ addressees[0] }}", align="center", after=12)
        self.tag("{%p else %}")
        self.para("Kính gửi:", align="center", after=0)
        self.tag("{%p for a in addressees %}")
        line = self.para("- {{ a }}{% if loop.last %}.{% else %};{% endif %}", align="left", after=0)
        line.paragraph_format.left_indent = Mm(60)
        self.tag("{%p endfor %}")
        self.tag("{%p endif %}")
        self.tag("{%p endif %}")

    def signature(self, layout: str = "state") -> None:
        """ô 9b Nơi nhận on the left, ô 7 the signer on the right."""
        left_mm, right_mm = 75, self.text_width_mm - 75
        table = self.grid([left_mm, right_mm])
        left, right = table.rows[0].cells
        self.para("Nơi nhận:", container=left, size=12, bold=True, italic=True, align="left", after=0, before=6)
        self.tag("{%p for r in recipients %}", container=left)
        self.para("- {{ r }}{% if loop.last %}.{% else %};{% endif %}", container=left, size=11, align="left", after=0)
        self.tag("{%p endfor %}", container=left)
        self.para("{{ signing_authority }}", container=right, size=14, bold=True, align="center", after=0, before=6)
        self.para("{{ signer_title }}", container=right, size=14, bold=True, align="center", after=0)
        self.para(
            "{% if signature_note %}{{ signature_note }}{% endif %}",
            container=right,
            size=13,
            italic=True,
            align="center",
            after=0,
        )
        for _ in range(4):
            self.para("", container=right, after=0)
        self.para("{{ signer_name }}", container=right, size=14, bold=True, align="center", after=0)

    def two_signatures(self, left_title: str, left_name: str, right_title: str, right_name: str) -> None:
        """The minutes' THƯ KÝ (left) and CHỦ TỌA (right) (NĐ 30 Mẫu 1.9)."""
        half = self.text_width_mm / 2
        table = self.grid([half, half])
        left, right = table.rows[0].cells
        for cell, title, name in ((left, left_title, left_name), (right, right_title, right_name)):
            self.para(title, container=cell, bold=True, align="center", after=0, before=12)
            self.para("(Ký, ghi rõ họ tên)", container=cell, italic=True, size=13, align="center", after=0)
            for _ in range(4):
                self.para("", container=cell, after=0)
            self.para(name, container=cell, bold=True, align="center", after=0)

    def qr(self, expression: str = "{{ qr }}", *, container: _Cell | None = None, align: Align = "center") -> Paragraph:
        """Where a QR image goes: the context's InlineImage (render.py makes one from each `qr_url`)."""
        return self.para(expression, container=container, align=align, after=0)

    def fill_line(
        self, text: str = "", *, container: _Cell | None = None, size: float = 13, after: float = 2
    ) -> Paragraph:
        """A line to write on by hand: `text`, then dots to the right margin (a right tab stop with a dotted
        leader, so the dots always end at the margin whatever the text's length)."""
        paragraph = self.para(f"{text}\t", container=container, size=size, align="left", after=after)
        cell_width = container.width if container is not None else None
        width = cell_width.mm if cell_width is not None else self.text_width_mm
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(width - 1), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        return paragraph

    def page_break_between(self, loop_tag: str = "{%p if not loop.last %}") -> None:
        """A page break between the items of a '{%p for %}' loop (none after the last)."""
        self.tag(loop_tag)
        self.page_break()
        self.tag("{%p endif %}")

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def recipients_block(self) -> None:
        """ô 9b alone, flush left, for documents whose signatures are drawn apart (the minutes' two)."""
        self.para("Nơi nhận:", size=12, bold=True, italic=True, align="left", after=0, before=12)
        self.tag("{%p for r in recipients %}")
        self.para("- {{ r }}{% if loop.last %}.{% else %};{% endif %}", size=11, align="left", after=0)
        self.tag("{%p endfor %}")
