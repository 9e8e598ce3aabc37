"""BeautifulSoup baseline for `npm run bench:parse-cli` (bench/parse-cli.ts): reads saved decision
pages and prints one JSON record per file (title, header fields, sections as heading + text), the
part of `lgsco parse` a scraper would write with bs4 — without the facts `lgsco parse` also
extracts. Uses lxml as bs4's tree builder when installed (the fastest), else html.parser.
Prints its own CPU seconds and peak RSS on stderr at the end (#bench {...}).
Needs bs4: apt-get install -y python3-bs4 python3-lxml  (or pip install beautifulsoup4 lxml)."""
import json, resource, sys
from bs4 import BeautifulSoup
try:
    import lxml  # noqa: F401
    BUILDER = "lxml"
except ImportError:
    BUILDER = "html.parser"

out = sys.stdout
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        soup = BeautifulSoup(f.read(), BUILDER)
    title = soup.select_one(".decision-title")
    fields = {}
    for p in soup.select(".decision-meta p"):
        label, value = p.select_one(".label"), p.select_one(".value")
        if label and value:
            fields[label.get_text(strip=True).rstrip(" :")] = value.get_text(" ", strip=True)
    sections, current = [], None
    body = soup.select_one(".decision-body") or soup
    for el in body.find_all(["h3", "h4", "p", "li"]):
        if el.name in ("h3", "h4"):
            current = {"heading": el.get_text(" ", strip=True), "text": []}
            sections.append(current)
        elif current is not None and not el.find_parent("li"):
            current["text"].append(el.get_text(" ", strip=True))
    record = {"title": title.get_text(" ", strip=True) if title else None, "fields": fields,
              "sections": [{"heading": s["heading"], "text": "\n".join(s["text"])} for s in sections]}
    out.write(json.dumps(record) + "\n")

u = resource.getrusage(resource.RUSAGE_SELF)
sys.stderr.write("\n#bench " + json.dumps({"cpu": (u.ru_utime + u.ru_stime) * 1000, "rss": u.ru_maxrss / 1024,
                                            "builder": BUILDER}) + "\n")
