//! The page set-up of a Party document (Hướng dẫn 36-HD/VPTW, 2018), in one place: A4 portrait,
//! margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm, a Unicode serif font, body
//! 13–14 pt. The values cited are not all certain (the official text was not available), so they
//! are data a caller may change, not constants spread through the writers.

/// Page size, margins and type sizes of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLayout {
    pub page_width_mm: f64,
    pub page_height_mm: f64,
    pub margin_top_mm: f64,
    pub margin_bottom_mm: f64,
    pub margin_left_mm: f64,
    pub margin_right_mm: f64,
    /// A Unicode font with Vietnamese (TCVN 6909:2001).
    pub font: String,
    pub body_pt: f64,
    /// "BÁO CÁO".
    pub title_pt: f64,
    /// The heading block and the signature.
    pub heading_pt: f64,
    /// First-line indent of body paragraphs.
    pub indent_mm: f64,
    /// Space after a paragraph.
    pub space_after_pt: f64,
    /// Line spacing, as a multiple of single.
    pub line_spacing: f64,
}

impl Default for PageLayout {
    /// The frequent choice: A4, 25/25/35/15 mm, Times New Roman 14 pt, "BÁO CÁO" 16 pt.
    fn default() -> PageLayout {
        PageLayout {
            page_width_mm: 210.0,
            page_height_mm: 297.0,
            margin_top_mm: 25.0,
            margin_bottom_mm: 25.0,
            margin_left_mm: 35.0,
            margin_right_mm: 15.0,
            font: "Times New Roman".into(),
            body_pt: 14.0,
            title_pt: 16.0,
            heading_pt: 13.0,
            indent_mm: 12.7,
            space_after_pt: 6.0,
            line_spacing: 1.15,
        }
    }
}
