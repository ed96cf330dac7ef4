pub fn write_docx(_report: &crate::core::report::Report) -> Result<Vec<u8>, String> {
    Err("docx writer not merged yet".into())
}
