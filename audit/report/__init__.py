"""The Excel report: the workbook an expert signs and the county files (one module per sheet in sheets/)."""
