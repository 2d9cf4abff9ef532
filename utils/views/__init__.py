"""Pure view-models: (workbook, filters, language, role) -> what a page or slide shows."""
