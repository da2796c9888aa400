"""The overview of a batch: per classification how many cases, and per case its
conclusions or its error, with a link to its report."""

from __future__ import annotations

import json
from collections import Counter

from jinja2 import Environment

_SOORT = {"veiligheid": 0, "classificatie": 1, "beschermend": 2}

_HTML = Environment(autoescape=True).from_string(
    """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Overzicht van {{ regels | length }} casussen</title>
<style>body{font:17px/1.5 system-ui,sans-serif;max-width:70rem;margin:auto;padding:1.5rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.fout{color:#a40000}</style></head><body>
<h1>Overzicht van {{ regels | length }} casussen</h1>
<h2>Per conclusie</h2><table><tr><th>conclusie</th><th>casussen</th></tr>
{% for label, aantal in telling %}<tr><td>{{ label }}</td><td>{{ aantal }}</td></tr>{% endfor %}</table>
<h2>Per casus</h2><table><tr><th>casus</th><th>conclusies</th></tr>
{% for r in regels %}<tr><td>{% if r.rapport %}<a href="{{ r.rapport }}">{{ r.casus }}</a>{% else %}{{ r.casus }}{% endif %}</td>
<td>{% for f in r.fouten %}<span class="fout">{{ f }}</span><br>{% endfor %}{% for c in r.conclusies %}{{ c[1] }} ({{ "%.2f" | format(c[2]) }})<br>{% endfor %}</td></tr>
{% endfor %}</table></body></html>
"""
)


def counts(regels) -> list[tuple[str, int]]:
    teller: Counter[tuple[int, str]] = Counter(
        (_SOORT.get(soort, 3), label) for r in regels for _, label, _, soort in r.conclusies
    )
    return [
        (label, aantal)
        for (_, label), aantal in sorted(teller.items(), key=lambda x: (x[0][0], -x[1], x[0][1]))
    ]


def render_overview(regels, formaat: str) -> str:
    telling = counts(regels)
    if formaat == "html":
        return _HTML.render(regels=regels, telling=telling)
    if formaat == "json":
        return (
            json.dumps(
                {
                    "casussen": [
                        {
                            "casus": r.casus,
                            "rapport": r.rapport,
                            "fouten": r.fouten,
                            "conclusies": [{"id": c[0], "zekerheid": c[2]} for c in r.conclusies],
                        }
                        for r in regels
                    ],
                    "per_conclusie": dict(telling),
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    regels_md = [
        f"# Overzicht van {len(regels)} casussen",
        "",
        "## Per conclusie",
        "",
        "| conclusie | casussen |",
        "|---|---|",
    ]
    regels_md += [f"| {label} | {aantal} |" for label, aantal in telling]
    regels_md += ["", "## Per casus", "", "| casus | conclusies |", "|---|---|"]
    for r in regels:
        naam = f"[{r.casus}]({r.rapport})" if r.rapport else r.casus
        inhoud = "; ".join(
            [*(f"FOUT: {f}" for f in r.fouten), *(f"{c[1]} ({c[2]:.2f})" for c in r.conclusies)]
        )
        regels_md.append(f"| {naam} | {inhoud.replace('|', '/') or '—'} |")
    return "\n".join(regels_md) + "\n"
