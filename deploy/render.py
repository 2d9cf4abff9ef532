"""Render deploy/nginx/ for a host name and replicas, and run that nginx on loopback.

Production (docs/DEPLOY.md) writes the site file with the real host name and replica ports:

    .venv/bin/python -m deploy.render --hostname dash.coalition.kg --replicas 8501 8502

Tests and benchmarks call ``LocalProxy.start``: the same site file, rendered for 127.0.0.1 with
free ports and a throw-away self-signed certificate made with openssl, inside a minimal
nginx.conf (``daemon off``, pid, logs and temp files in a temp folder), run as the current user
with ``nginx -c <tmp>/nginx.conf -p <tmp>``. Nothing is written outside that folder.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
SITE = DEPLOY / "nginx" / "united-voices.conf"
HEADERS = DEPLOY / "nginx" / "united-voices-headers.conf"
UNIT = DEPLOY / "systemd" / "united-voices@.service"

HOSTNAME = "dashboard.example.org"
UPSTREAM = "    server 127.0.0.1:8501;\n"
STATIC_ROOT = "/var/cache/united-voices/static-root"
CERT = f"/etc/letsencrypt/live/{HOSTNAME}/fullchain.pem"
KEY = f"/etc/letsencrypt/live/{HOSTNAME}/privkey.pem"
ERROR_LOG = "error_log /var/log/nginx/united-voices.error.log warn;"
ACCESS_LOG = "access_log off;"

NGINX = os.environ.get("UV_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")

# Test-only access log: which replica answered which browser (the sticky-session test), and the
# bytes sent on the wire, compression included (the slow-network benchmark).
TEST_LOG_FORMAT = (
    "log_format uv_test '$status $request_method $uri $upstream_addr "
    "cookie=$cookie_uv_replica key=$uv_replica bytes=$bytes_sent';"
)


class MissingTool(RuntimeError):
    """nginx, its brotli modules or openssl is not installed."""


def _replace(text: str, old: str, new: str) -> str:
    """Replace every ``old``; the template must contain it (so it cannot drift silently)."""
    if old not in text:
        raise ValueError(f"{SITE.name} no longer contains {old!r}: update deploy/render.py")
    return text.replace(old, new)


def render_site(
    text: str,
    *,
    hostname: str,
    replicas: list[int] | tuple[int, ...] = (8501,),
    http_listen: str | None = None,
    https_listen: str | None = None,
    cert: Path | None = None,
    key: Path | None = None,
    static_root: Path | None = None,
    error_log: Path | None = None,
    access_log: Path | None = None,
) -> str:
    """The site file with its placeholders replaced.

    ``http_listen`` / ``https_listen`` ("127.0.0.1:8080") replace ports 80 / 443 and drop the
    IPv6 listens (loopback tests); the certificate, static root and logs default to the
    production paths of the template.
    """
    if cert is not None and key is not None:
        text = _replace(text, CERT, str(cert))
        text = _replace(text, KEY, str(key))
    text = _replace(text, HOSTNAME, hostname)
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in replicas)
    text = _replace(text, UPSTREAM, servers)
    if static_root is not None:
        text = _replace(text, STATIC_ROOT, str(static_root))
    if error_log is not None:
        text = _replace(text, ERROR_LOG, f"error_log {error_log} warn;")
    if access_log is not None:
        text = _replace(text, ACCESS_LOG, f"access_log {access_log} uv_test;")
    if http_listen or https_listen:
        text, dropped = re.subn(r"(?m)^\s*listen \[::\]:\d+[^\n]*\n", "", text)
        if not dropped:
            raise ValueError(f"{SITE.name} has no IPv6 listen lines: update deploy/render.py")
    if http_listen:
        text = re.sub(r"(?m)^(\s*)listen 80\b", rf"\1listen {http_listen}", text)
    if https_listen:
        text = re.sub(r"(?m)^(\s*)listen 443\b", rf"\1listen {https_listen}", text)
    return text


def unit_command(port: int, state_dir: Path, python: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment the systemd unit gives replica ``port``, for a run
    outside systemd: its Environment= lines and ExecStart, with /var/lib/united-voices moved to
    ``state_dir`` and the venv's streamlit replaced by ``python -m streamlit``."""
    env: dict[str, str] = {}
    argv: list[str] = []
    for line in UNIT.read_text().splitlines():
        line = line.replace("%i", str(port)).replace("/var/lib/united-voices", str(state_dir))
        if line.startswith("Environment="):
            name, _, value = line.removeprefix("Environment=").partition("=")
            env[name] = value
        elif line.startswith("ExecStart="):
            program, *args = line.removeprefix("ExecStart=").split()
            if not program.endswith("/.venv/bin/streamlit"):
                raise ValueError(f"{UNIT.name}: ExecStart no longer runs the venv's streamlit")
            argv = [python, "-m", "streamlit", *args]
    if not argv:
        raise ValueError(f"{UNIT.name} has no ExecStart")
    return argv, env


@dataclass
class Replica:
    """One Streamlit server started as the systemd unit starts it."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop it (SIGTERM) and wait."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_replica(
    port: int, state: Path, python: str, *, cwd: Path, script: str = "app.py"
) -> Replica:
    """`streamlit run app.py` (or ``script``) with the unit's environment and command line, its
    state folder in ``state``; returns once /_stcore/health answers "ok"."""
    argv, unit_env = unit_command(port, state, python)
    argv = [script if arg == "app.py" else arg for arg in argv]
    state.mkdir(parents=True, exist_ok=True)
    log = state / f"streamlit-{port}.log"
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        env={**os.environ, **unit_env},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    replica = Replica(port, process, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{replica.url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return replica
        except OSError:
            time.sleep(0.3)
    replica.stop()
    raise RuntimeError(f"replica {port} did not start:\n{log.read_text(errors='replace')}")


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def self_signed(directory: Path, hostname: str = "localhost") -> tuple[Path, Path]:
    """A throw-away certificate and key for ``hostname`` and 127.0.0.1, valid for two days."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise MissingTool("openssl is not installed (apt-get install openssl)")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={hostname}",
            "-addext",
            f"subjectAltName=DNS:{hostname},IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def nginx_missing() -> str | None:
    """Why the real proxy cannot run here (None when it can)."""
    if not Path(NGINX).exists():
        return (
            f"nginx not found ({NGINX}): apt-get install nginx libnginx-mod-http-brotli-filter "
            "libnginx-mod-http-brotli-static"
        )
    absent = [name for name in BROTLI_MODULES if not (MODULES / name).exists()]
    if absent:
        return f"nginx's brotli modules are missing ({', '.join(absent)}): apt-get install " + (
            "libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static"
        )
    if shutil.which("openssl") is None:
        return "openssl is not installed (apt-get install openssl)"
    return None


def main_conf(root: Path, site: Path) -> str:
    """A minimal nginx.conf around the site, everything under ``root``, in the foreground."""
    modules = "".join(f"load_module {MODULES / name};\n" for name in BROTLI_MODULES)
    # Run as root (CI containers), nginx would start its workers as "nobody", who cannot read
    # the temp folder; the directive is ignored (with a notice) for any other user.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(
        f"    {kind}_temp_path {root / 'temp' / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{modules}{user}daemon off;\nmaster_process on;\nworker_processes 1;\n"
        f"pid {root / 'nginx.pid'};\nerror_log {root / 'error.log'} warn;\n"
        "events { worker_connections 512; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n"
        "    sendfile on;\n    tcp_nopush on;\n    types_hash_max_size 2048;\n"
        f"    {TEST_LOG_FORMAT}\n"
        f"{temp}"
        f"    include {site};\n"
        "}\n"
    )


@dataclass
class LocalProxy:
    """The real nginx from deploy/, on loopback, in front of Streamlit replicas."""

    root: Path
    https_port: int
    http_port: int
    process: subprocess.Popen[bytes]
    cert: Path
    hostname: str = "localhost"

    @property
    def url(self) -> str:
        return f"https://{self.hostname}:{self.https_port}"

    @property
    def access_log(self) -> Path:
        return self.root / "access.log"

    def spki(self) -> str:
        """Base64 SHA-256 of the certificate's public key, for Chromium's
        --ignore-certificate-errors-spki-list (trusted like a real certificate, so the HTTP
        cache works as it does for visitors; with ignore_https_errors Chromium caches nothing)."""
        public = subprocess.run(
            ["openssl", "x509", "-pubkey", "-noout", "-in", str(self.cert)],
            check=True,
            capture_output=True,
        ).stdout
        der = subprocess.run(
            ["openssl", "pkey", "-pubin", "-outform", "der"],
            input=public,
            check=True,
            capture_output=True,
        ).stdout
        return base64.b64encode(hashlib.sha256(der).digest()).decode()

    def error_log(self) -> str:
        return "".join(
            path.read_text(errors="replace")
            for path in (self.root / "error.log", self.root / "site-error.log")
            if path.exists()
        )

    @classmethod
    def start(
        cls,
        root: Path,
        replicas: list[int],
        *,
        static_root: Path | None = None,
        hostname: str = "localhost",
    ) -> LocalProxy:
        """Render the site for loopback under ``root`` and start nginx; raises MissingTool."""
        missing = nginx_missing()
        if missing:
            raise MissingTool(missing)
        root.mkdir(parents=True, exist_ok=True)
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (root / "temp" / kind).mkdir(parents=True, exist_ok=True)
        (root / "snippets").mkdir(exist_ok=True)
        shutil.copy(HEADERS, root / "snippets" / HEADERS.name)
        if static_root is None:  # nothing precompressed: every asset comes from Streamlit
            static_root = root / "static-root"
            static_root.mkdir(exist_ok=True)
        cert, key = self_signed(root, hostname)
        https_port, http_port = free_port(), free_port()
        site = root / "united-voices.conf"
        site.write_text(
            render_site(
                SITE.read_text(),
                hostname=hostname,
                replicas=replicas,
                http_listen=f"127.0.0.1:{http_port}",
                https_listen=f"127.0.0.1:{https_port}",
                cert=cert,
                key=key,
                static_root=static_root,
                error_log=root / "site-error.log",
                access_log=root / "access.log",
            )
        )
        conf = root / "nginx.conf"
        conf.write_text(main_conf(root, site))
        command = [NGINX, "-e", str(root / "error.log"), "-c", str(conf), "-p", str(root)]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{checked.stderr}")
        log = (root / "nginx.out").open("wb")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        proxy = cls(root, https_port, http_port, process, cert, hostname)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited:\n{proxy.error_log()}")
            try:
                with socket.create_connection(("127.0.0.1", https_port), timeout=1):
                    return proxy
            except OSError:
                time.sleep(0.1)
        proxy.stop()
        raise RuntimeError(f"nginx did not listen on {https_port}:\n{proxy.error_log()}")

    def stop(self) -> None:
        """Stop nginx (SIGTERM: fast shutdown) and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description="Print deploy/nginx/united-voices.conf rendered.")
    parser.add_argument("--hostname", required=True, help="public host name, e.g. dash.example.kg")
    parser.add_argument(
        "--replicas", type=int, nargs="+", default=[8501], help="ports of united-voices@PORT"
    )
    args = parser.parse_args()
    print(render_site(SITE.read_text(), hostname=args.hostname, replicas=args.replicas), end="")


if __name__ == "__main__":
    main()
