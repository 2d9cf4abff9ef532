"""The only runtime I/O: settings, one cached workbook per refresh, snapshots, boundaries."""
