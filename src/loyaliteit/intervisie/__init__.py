"""`loyaliteit intervisie`: a local web page where a team discusses one analysis.

The team confirms and rejects signals and adds a signal to a sentence; every change runs
the one pipeline function (`loyaliteit.analyse.analyse`) again, so conclusions,
certainties, what-if and why-not follow at once. The decisions are kept (with undo),
saved into the case file, and summed up in a report.

    sessie.py     the state: case, decisions, the judgement in force, the analyses
    opslaan.py    opening a case, and saving the judgement per format (atomic, no conflicts)
    yamlblok.py   writing `signalen:` into YAML text without touching the rest
    weergave.py   the page (jinja2 templates, autoescape)
    eindpunten.py the endpoints; app.py the Starlette app and its access rules
    verslag.py    the intervisie report (Markdown and HTML)
    server.py     127.0.0.1, a free port, uvicorn, the browser
"""
