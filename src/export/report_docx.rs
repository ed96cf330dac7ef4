//! The report a team signs (issue 15) as a Word file, laid out as a Party document (Hướng dẫn
//! 36-HD/VPTW): A4 portrait with the margins, font and sizes of [`PageLayout`]; the heading block
//! in two borderless columns (the issuing body, a star and the number on the left; "ĐẢNG CỘNG SẢN
//! VIỆT NAM" with a rule under it and the place and date on the right); "BÁO CÁO" and the subject
//! centred; the body justified with a first-line indent; the signature on the right and "Nơi
//! nhận:" on the left; then, on a new page, the appendix with its tables. Page numbers stand at
//! the top centre from page 2 on (the first page has an empty header of its own).
//!
//! Blanks ("[số báo cáo]") are highlighted in yellow so the secretary sees what to fill in.
//! Every text goes through [`display_safe`]: no control character reaches the XML (docx-rs
//! escapes `& < > " '` but passes controls through, and XML 1.0 forbids most of them).

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Shading, ShdType, SpecialIndentType,
    Table, TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::core::report::{self, Block, PageLayout, Report, Text};
use crate::core::text::display_safe;

/// The recipients under "Nơi nhận:" are set smaller than the body, as in the guidance's samples.
const RECIPIENTS_PT: f64 = 12.0;
/// The appendix tables: many columns on a portrait page.
const TABLE_PT: f64 = 11.0;
/// Empty lines between the signer's role and name: room for the signature and the stamp.
const SIGNATURE_LINES: usize = 4;
/// The part of the text width the left column of the heading block takes.
const HEADING_LEFT_SHARE: f64 = 0.45;
/// The part of the text width the first column (the branch) of an appendix table takes.
const TABLE_FIRST_SHARE: f64 = 0.3;
/// Highlight of a blank left to fill in.
const BLANK_HIGHLIGHT: &str = "yellow";

/// Lay out `report` as a .docx file. The error is a sentence: a page layout Word cannot hold, or
/// the archive failing to build.
pub fn write_docx(report: &Report) -> Result<Vec<u8>, String> {
    let look = Look::new(&report.layout)?;
    let mut docx = Docx::new()
        .page_size(look.page_width as u32, look.page_height as u32)
        .page_margin(
            PageMargin::new()
                .top(look.margin_top)
                .bottom(look.margin_bottom)
                .left(look.margin_left)
                .right(look.margin_right)
                .header(look.margin_top / 2)
                .footer(look.margin_bottom / 2),
        )
        .default_fonts(look.fonts())
        .default_size(look.body)
        // Page numbers from page 2: the default header carries the number, the first page has
        // one of its own without it (title_pg, which first_header sets).
        .header(Header::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new())))
        .first_header(Header::new().add_paragraph(Paragraph::new()));

    docx = docx.add_table(heading_block(report, &look));
    docx = docx
        .add_paragraph(
            look.centred(vec![look.run(&report.title, Fmt::size(look.title).bold())])
                .line_spacing(look.spacing().before(pt_to_twips(18.0)).after(0)),
        )
        .add_paragraph(
            look.centred(look.runs(&report.subject, Fmt::size(look.body).bold()))
                .line_spacing(look.spacing().after(pt_to_twips(18.0))),
        );
    let mut body = body(report, &look);
    // The last lines of the body go with the signature: a signature never stands alone on a page.
    if let Some(last) = body.pop() {
        body.push(last.keep_next(true));
    }
    for paragraph in body {
        docx = docx.add_paragraph(paragraph);
    }
    docx = docx.add_paragraph(look.left(Vec::new()).keep_next(true)).add_table(signature_block(report, &look));
    if !appendix_is_empty(&report.appendix) {
        docx = add_appendix(docx, &report.appendix, &look);
    }

    let mut stored = Cursor::new(Vec::new());
    docx.build().pack(&mut stored).map_err(|e| format!("the Word file could not be built: {e}"))?;
    deflate(stored.into_inner()).map_err(|e| format!("the Word file could not be compressed: {e}"))
}

/// docx-rs stores the parts uncompressed, which makes the report of a large round tens of
/// megabytes (a thousand visits' appendix: 26 MB). The parts are copied, in order, into an
/// archive that deflates them, as Word's own files do; the folder entries docx-rs adds are left
/// out (a package needs none).
fn deflate(stored: Vec<u8>) -> zip::result::ZipResult<Vec<u8>> {
    let mut input = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut buffer = Vec::new();
    for i in 0..input.len() {
        let mut part = input.by_index(i)?;
        if part.is_dir() {
            continue;
        }
        buffer.clear();
        part.read_to_end(&mut buffer)?;
        out.start_file(part.name().to_string(), options)?;
        out.write_all(&buffer)?;
    }
    Ok(out.finish()?.into_inner())
}

/// The opening and the numbered parts.
fn body(report: &Report, look: &Look) -> Vec<Paragraph> {
    let mut body = Vec::new();
    for paragraph in &report.opening {
        body.push(look.body(look.runs(paragraph, Fmt::size(look.body))));
    }
    let heading = |text: String| look.body(vec![look.run(&text, Fmt::size(look.body).bold())]).keep_next(true);
    for part in &report.parts {
        body.push(heading(format!("{} {}", part.number, part.title)));
        for block in &part.blocks {
            body.push(match block {
                Block::Heading { number, title } => heading(format!("{number} {title}")),
                Block::Paragraph(paragraph) => look.body(look.runs(paragraph, Fmt::size(look.body))),
                Block::Item(paragraph) => {
                    let mut runs = vec![look.run("- ", Fmt::size(look.body))];
                    runs.extend(look.runs(paragraph, Fmt::size(look.body)));
                    look.body(runs)
                }
            });
        }
    }
    body
}

/// The heading block: a borderless table of two columns.
fn heading_block(report: &Report, look: &Look) -> Table {
    let heading = &report.heading;
    let size = look.heading;
    let mut left = Vec::new();
    let last = heading.issuer.len().saturating_sub(1);
    for (i, line) in heading.issuer.iter().enumerate() {
        let line = match line {
            Text::Given(text) => Text::Given(text.to_uppercase()),
            blank => blank.clone(),
        };
        let fmt = if i == last { Fmt::size(size).bold() } else { Fmt::size(size) };
        left.push(look.centred(look.runs(std::slice::from_ref(&line), fmt)));
    }
    left.push(look.centred(vec![look.run("*", Fmt::size(size))]));
    left.push(look.centred(look.runs(&heading.number, Fmt::size(size))));

    // The rule under the Party's name is as long as the name: a bottom border on a paragraph
    // narrowed by indents to about the name's width.
    let indent = rule_indent(&heading.party, size, look.text_width - look.heading_left_width());
    let mut party = look.centred(vec![look.run(&heading.party, Fmt::size(size).bold())]).indent(
        Some(indent),
        None,
        Some(indent),
        None,
    );
    party.property = party.property.set_borders(
        ParagraphBorders::with_empty()
            .set(ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(6).space(1)),
    );
    let right = vec![
        party,
        look.centred(look.runs(&heading.place_date, Fmt::size(size).italic()))
            .line_spacing(look.spacing().before(pt_to_twips(6.0))),
    ];
    two_columns(look, look.heading_left_width(), left, right)
}

/// The end of the body: "Nơi nhận:" and the recipients on the left, the signature on the right.
fn signature_block(report: &Report, look: &Look) -> Table {
    let small = font_half_points(RECIPIENTS_PT);
    let mut left =
        vec![look.left(vec![look.run(&report.recipients_title, Fmt::size(look.heading).bold().italic().underline())])];
    for recipient in &report.recipients {
        left.push(look.left(look.runs(std::slice::from_ref(recipient), Fmt::size(small))));
    }
    let sig = &report.signature;
    let size = look.heading;
    let mut right = vec![
        look.centred(look.runs(std::slice::from_ref(&sig.on_behalf), Fmt::size(size).bold())),
        look.centred(look.runs(std::slice::from_ref(&sig.role), Fmt::size(size).bold())),
    ];
    right.extend((0..SIGNATURE_LINES).map(|_| look.centred(Vec::new())));
    right.push(look.centred(look.runs(std::slice::from_ref(&sig.name), Fmt::size(size).bold())));
    let half = look.text_width / 2;
    two_columns(look, half, left, right)
}

/// Left and right margin inside a table cell, as Word's default.
const CELL_MARGIN: i32 = 108;

/// Space above and below the text in an appendix table's cell.
const CELL_PADDING: i32 = 30;

/// A borderless table of one row and two columns, the left `left_width` twips wide, that a page
/// break does not split.
fn two_columns(look: &Look, left_width: i32, left: Vec<Paragraph>, right: Vec<Paragraph>) -> Table {
    let right_width = look.text_width - left_width;
    let cell = |width: i32, paragraphs: Vec<Paragraph>| {
        let mut cell = TableCell::new().width(twips(width), WidthType::Dxa).vertical_align(VAlignType::Top);
        for p in paragraphs {
            cell = cell.add_paragraph(p);
        }
        cell.clear_all_border()
    };
    Table::new(vec![TableRow::new(vec![cell(left_width, left), cell(right_width, right)]).cant_split()])
        .set_grid(vec![twips(left_width), twips(right_width)])
        .width(twips(look.text_width), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, twips(CELL_MARGIN), 0, twips(CELL_MARGIN)))
        .set_borders(TableBorders::new().clear_all())
}

fn appendix_is_empty(appendix: &report::Appendix) -> bool {
    appendix.title.trim().is_empty() && appendix.notes.is_empty() && appendix.tables.is_empty()
}

/// The appendix on a page of its own: title, notes, one bordered table per section.
fn add_appendix(mut docx: Docx, appendix: &report::Appendix, look: &Look) -> Docx {
    docx = docx.add_paragraph(
        look.centred(vec![look.run(&appendix.title, Fmt::size(look.body).bold())])
            .page_break_before(true)
            .line_spacing(look.spacing().after(pt_to_twips(12.0))),
    );
    for note in &appendix.notes {
        docx = docx.add_paragraph(look.body(vec![look.run(note, Fmt::size(look.body))]));
    }
    let size = font_half_points(TABLE_PT);
    for table in &appendix.tables {
        docx = docx.add_paragraph(
            look.left(vec![look.run(&table.title, Fmt::size(look.body).bold())])
                .keep_next(true)
                .line_spacing(look.spacing().before(pt_to_twips(12.0))),
        );
        // The empty paragraph keeps two tables in a row from joining into one.
        docx = docx.add_table(appendix_table(table, look, size)).add_paragraph(Paragraph::new());
        for line in &table.legend {
            docx = docx.add_paragraph(look.left(vec![look.run(line, Fmt::size(size))]));
        }
    }
    docx
}

fn appendix_table(table: &report::Table, look: &Look, size: usize) -> Table {
    let columns = table.columns.len().max(table.rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
    let widths = table_widths(look.text_width, columns);
    let cell = |text: &str, width: i32, header: bool| {
        let fmt = if header { Fmt::size(size).bold() } else { Fmt::size(size) };
        let p =
            look.compact(vec![look.run(text, fmt)], if header { AlignmentType::Center } else { AlignmentType::Left });
        let cell = TableCell::new().width(twips(width), WidthType::Dxa).add_paragraph(p);
        if header { cell.shading(Shading::new().shd_type(ShdType::Clear).fill("D9D9D9")) } else { cell }
    };
    let row = |texts: &[String], header: bool| {
        let cells =
            widths.iter().enumerate().map(|(i, &w)| cell(texts.get(i).map_or("", String::as_str), w, header)).collect();
        TableRow::new(cells).cant_split()
    };
    let mut rows = vec![row(&table.columns, true)];
    rows.extend(table.rows.iter().map(|r| row(r, false)));
    Table::new(rows)
        .margins(TableCellMargins::new().margin(
            twips(CELL_PADDING),
            twips(CELL_MARGIN),
            twips(CELL_PADDING),
            twips(CELL_MARGIN),
        ))
        .set_grid(widths.iter().map(|&w| twips(w)).collect())
        .width(twips(look.text_width), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// Column widths of an appendix table: the branch column wider, the others shared equally.
fn table_widths(total: i32, columns: usize) -> Vec<i32> {
    if columns == 1 {
        return vec![total];
    }
    let first = (f64::from(total) * TABLE_FIRST_SHARE) as i32;
    let other = (total - first) / (columns as i32 - 1).max(1);
    std::iter::once(first).chain(std::iter::repeat_n(other, columns - 1)).collect()
}

/// Left and right indent that narrow the paragraph in a cell `cell_width` twips wide to a little
/// more than the width of `text` in bold capitals of `half_points`: Times New Roman's bold
/// capitals average about 0.72 em, a space 0.25 em; a tenth more keeps the name on one line where
/// the estimate falls short. A name too short (or none) still gets a rule of half the column.
fn rule_indent(text: &str, half_points: usize, cell_width: i32) -> i32 {
    let width = f64::from(cell_width - 2 * CELL_MARGIN);
    let ems: f64 = text.chars().map(|c| if c.is_whitespace() { 0.25 } else { 0.72 }).sum();
    let text_twips = ems * half_points as f64 * 10.0 * 1.1;
    ((width - text_twips) / 2.0).clamp(0.0, width / 4.0) as i32
}

/// Text formatting of a run.
#[derive(Debug, Clone, Copy)]
struct Fmt {
    half_points: usize,
    bold: bool,
    italic: bool,
    underline: bool,
}

impl Fmt {
    fn size(half_points: usize) -> Fmt {
        Fmt { half_points, bold: false, italic: false, underline: false }
    }
    fn bold(self) -> Fmt {
        Fmt { bold: true, ..self }
    }
    fn italic(self) -> Fmt {
        Fmt { italic: true, ..self }
    }
    fn underline(self) -> Fmt {
        Fmt { underline: true, ..self }
    }
    fn apply(self, mut run: Run) -> Run {
        run = run.size(self.half_points);
        if self.bold {
            run = run.bold();
        }
        if self.italic {
            run = run.italic();
        }
        if self.underline {
            run = run.underline("single");
        }
        run
    }
}

/// The page layout in Word's units: twips (1/20 pt) for lengths, half-points for type sizes.
#[derive(Debug, Clone)]
struct Look {
    font: String,
    page_width: i32,
    page_height: i32,
    margin_top: i32,
    margin_bottom: i32,
    margin_left: i32,
    margin_right: i32,
    text_width: i32,
    body: usize,
    title: usize,
    heading: usize,
    indent: i32,
    space_after: u32,
    /// In 240ths of a line.
    line: i32,
}

impl Look {
    fn new(layout: &PageLayout) -> Result<Look, String> {
        let length = |mm: f64, what: &str, max: f64| {
            if mm.is_finite() && (0.0..=max).contains(&mm) {
                Ok(mm_to_twips(mm))
            } else {
                Err(format!("the page layout's {what} ({mm} mm) is not between 0 and {max} mm"))
            }
        };
        let size = |pt: f64, what: &str| {
            if pt.is_finite() && (1.0..=200.0).contains(&pt) {
                Ok(font_half_points(pt))
            } else {
                Err(format!("the page layout's {what} ({pt} pt) is not between 1 and 200 pt"))
            }
        };
        let page_width = length(layout.page_width_mm, "page width", 2000.0)?;
        let page_height = length(layout.page_height_mm, "page height", 2000.0)?;
        let margin_left = length(layout.margin_left_mm, "left margin", 500.0)?;
        let margin_right = length(layout.margin_right_mm, "right margin", 500.0)?;
        let text_width = page_width - margin_left - margin_right;
        if text_width < mm_to_twips(50.0) {
            return Err(format!(
                "the page layout leaves less than 50 mm between the margins ({} mm wide, margins {} and {} mm)",
                layout.page_width_mm, layout.margin_left_mm, layout.margin_right_mm
            ));
        }
        if !(layout.line_spacing.is_finite() && (0.5..=5.0).contains(&layout.line_spacing)) {
            return Err(format!("the page layout's line spacing ({}) is not between 0.5 and 5", layout.line_spacing));
        }
        if !(layout.space_after_pt.is_finite() && (0.0..=200.0).contains(&layout.space_after_pt)) {
            return Err(format!(
                "the page layout's space after paragraphs ({} pt) is not between 0 and 200 pt",
                layout.space_after_pt
            ));
        }
        Ok(Look {
            font: font_name(&layout.font)?,
            page_width,
            page_height,
            margin_top: length(layout.margin_top_mm, "top margin", 500.0)?,
            margin_bottom: length(layout.margin_bottom_mm, "bottom margin", 500.0)?,
            margin_left,
            margin_right,
            text_width,
            body: size(layout.body_pt, "body size")?,
            title: size(layout.title_pt, "title size")?,
            heading: size(layout.heading_pt, "heading size")?,
            indent: length(layout.indent_mm, "first-line indent", 100.0)?,
            space_after: pt_to_twips(layout.space_after_pt),
            line: (layout.line_spacing * 240.0).round() as i32,
        })
    }

    fn fonts(&self) -> RunFonts {
        RunFonts::new().ascii(&self.font).hi_ansi(&self.font).east_asia(&self.font).cs(&self.font)
    }

    fn heading_left_width(&self) -> i32 {
        (f64::from(self.text_width) * HEADING_LEFT_SHARE) as i32
    }

    /// The body's line spacing and space after.
    fn spacing(&self) -> LineSpacing {
        LineSpacing::new().line_rule(LineSpacingType::Auto).line(self.line).after(self.space_after)
    }

    /// One run of untrusted text: made safe, line breaks kept as breaks.
    fn run(&self, text: &str, fmt: Fmt) -> Run {
        let safe = xml_safe(text);
        let mut run = fmt.apply(Run::new());
        for (i, line) in safe.split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(line);
        }
        run
    }

    /// The runs of a paragraph of the model, blanks highlighted.
    fn runs(&self, texts: &[Text], fmt: Fmt) -> Vec<Run> {
        texts
            .iter()
            .map(|text| match text {
                Text::Given(given) => self.run(given, fmt),
                Text::Blank(_) => self.run(&text.shown(), fmt).highlight(BLANK_HIGHLIGHT),
            })
            .collect()
    }

    fn paragraph(runs: Vec<Run>) -> Paragraph {
        runs.into_iter().fold(Paragraph::new(), Paragraph::add_run)
    }

    /// A body paragraph: justified, first-line indent, the body's spacing.
    fn body(&self, runs: Vec<Run>) -> Paragraph {
        Look::paragraph(runs)
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(self.indent)), None, None)
            .line_spacing(self.spacing())
    }

    /// A centred line without space after (the heading block, the title, the signature).
    fn centred(&self, runs: Vec<Run>) -> Paragraph {
        Look::paragraph(runs).align(AlignmentType::Center).line_spacing(single())
    }

    /// A left-aligned line without space after or indent.
    fn left(&self, runs: Vec<Run>) -> Paragraph {
        Look::paragraph(runs).align(AlignmentType::Left).line_spacing(single())
    }

    /// A table cell's paragraph: single spacing, nothing after.
    fn compact(&self, runs: Vec<Run>, align: AlignmentType) -> Paragraph {
        Look::paragraph(runs).align(align).line_spacing(single())
    }
}

/// Single line spacing, nothing before or after. The rule is explicit: LibreOffice sets a line
/// without one tighter than Word does.
fn single() -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(0).after(0)
}

/// The font name goes into XML attributes that docx-rs does not escape: only letters, digits,
/// spaces and `-_.,()` are let through.
fn font_name(font: &str) -> Result<String, String> {
    let font = font.trim();
    let allowed = |c: char| c.is_alphanumeric() || " -_.,()".contains(c);
    if font.is_empty() || font.chars().count() > 64 || !font.chars().all(allowed) {
        return Err(format!(
            "the page layout's font name \"{}\" cannot be written to a Word file",
            display_safe(font, false)
        ));
    }
    Ok(font.to_string())
}

/// Untrusted text made safe for a Word file: Windows line ends become `\n`, control, bidi and
/// zero-width characters become visible markers ([`display_safe`]), and the two non-characters XML
/// 1.0 forbids outside the controls (U+FFFE, U+FFFF) become markers too.
fn xml_safe(text: &str) -> String {
    let shown = display_safe(&text.replace("\r\n", "\n"), true);
    if !shown.contains(['\u{FFFE}', '\u{FFFF}']) {
        return shown;
    }
    shown.replace('\u{FFFE}', "<U+FFFE>").replace('\u{FFFF}', "<U+FFFF>")
}

fn mm_to_twips(mm: f64) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

fn pt_to_twips(pt: f64) -> u32 {
    (pt * 20.0).round().max(0.0) as u32
}

fn font_half_points(pt: f64) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// A width in twips as docx-rs takes it.
fn twips(width: i32) -> usize {
    width.max(0) as usize
}
