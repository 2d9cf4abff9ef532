"""The workbook contract and reading it: tabs, columns, regions, one cell, schemas, parse."""
