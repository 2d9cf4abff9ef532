"""Pure figure builders: ``make_*_figure(frame, …) -> go.Figure``, one module per page area.

Shared colours, fonts and axis styles live in ``theme``; nothing here imports Streamlit.
"""
