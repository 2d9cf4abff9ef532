#!/bin/sh
# Copy Streamlit's frontend assets out of the venv and precompress them once (brotli -q 11 and
# gzip -9), so nginx sends them from disk (brotli_static / gzip_static in
# deploy/nginx/united-voices.conf) instead of compressing megabytes of JavaScript per response.
#
#   sudo PYTHON=/opt/united-voices/.venv/bin/python deploy/precompress-static.sh [DEST]
#
# Run it after every `pip install -r requirements.txt`. Forgetting is safe: nginx finds no file
# for the new names and passes those requests to Streamlit, compressing them on the fly (a
# little larger, a little more CPU). File names are content-hashed, so a name already copied is
# the same file; old versions' files are kept for pages still open during an upgrade (about
# 40 MB a version; `rm -rf DEST` and run again to clear them).
#
# Needs Debian's brotli and gzip. UV_BROTLI_QUALITY / UV_GZIP_LEVEL lower the levels (the tests
# use 1 to stay fast); the defaults are the smallest files.
set -eu

PYTHON=${PYTHON:-/opt/united-voices/.venv/bin/python}
DEST=${1:-/var/cache/united-voices/static-root}
BROTLI_QUALITY=${UV_BROTLI_QUALITY:-11}
GZIP_LEVEL=${UV_GZIP_LEVEL:-9}
export BROTLI_QUALITY GZIP_LEVEL

command -v brotli >/dev/null || { echo "brotli is missing: apt-get install brotli" >&2; exit 1; }

src=$("$PYTHON" -c 'import os, streamlit; print(os.path.join(os.path.dirname(streamlit.__file__), "static", "static"))')
[ -d "$src" ] || { echo "no Streamlit static folder at $src" >&2; exit 1; }

umask 022
mkdir -p "$DEST/static"
cp -R -p "$src/." "$DEST/static/"

# Text-like files only (woff2, png and gif are compressed already). Existing .br/.gz are kept.
find "$DEST/static" -type f \( -name '*.js' -o -name '*.css' -o -name '*.svg' -o -name '*.json' \
    -o -name '*.html' -o -name '*.txt' -o -name '*.map' \) -print0 |
    xargs -0 -r -n 16 -P "$(nproc)" sh -c '
        for f do
            [ -s "$f.br" ] || brotli -q "$BROTLI_QUALITY" -f -o "$f.br" "$f"
            [ -s "$f.gz" ] || gzip -"$GZIP_LEVEL" -n -c "$f" > "$f.gz"
            touch -r "$f" "$f.br" "$f.gz"   # nginx recommends the same mtime as the original
        done' sh

echo "precompressed $(find "$DEST/static" -name '*.br' | wc -l) files into $DEST/static"
