"""Pure builders: theme, plotly figures, pydeck maps, tables and downloads."""
