"""Production set-up: nginx site, systemd unit, and the helpers that run them on loopback."""
