"""The only Streamlit code besides pages/ and app.py: widgets, sign-in, the page frame."""
