"""For the people who keep the sheet: the health report, the template, the CLI check."""
