"""The floor of the stack: a bare Streamlit page holding one plotly chart, nothing else.

benchmarks/bench_pages.py serves it beside the app in the same run, so every page's first-chart
time and bytes are read against what Streamlit and plotly cost on this machine at all.

    .venv/bin/streamlit run benchmarks/bare_page.py
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Bare page", layout="wide")
st.title("Bare page")
periods = [f"{y}-Q{q}" for y in range(2023, 2027) for q in range(1, 5)][:15]
figure = go.Figure(go.Scatter(x=periods, y=[20 + i * 1.5 for i in range(15)], mode="lines+markers"))
st.plotly_chart(figure, key="bare_chart", width="stretch")
