#!/usr/bin/env python3
"""SPEC §14 `jury report --html FILE`: render the committee's page of the demo competitions in
headless Chromium and check the printed PDF with pdftotext (poppler-utils).

The numbers checked come from `jury report --json` of the same database, so the page is held to
the engine's own report; the headings and labels are the page's fixed Chinese texts. Also: the
page is byte-identical when written twice, holds no script or external reference, and prints on
a sane number of A4 pages.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HEADINGS = ["评审质量报告", "内部资料", "一、成绩分布", "二、评委宽严度",
            "三、评委–作品关系图的连通部分", "四、临界判定", "五、各计分方法下的奖项"]


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def jury(binary, db, *args):
    result = run([binary, "--db", db, *args])
    if result.returncode != 0:
        sys.exit(f"jury {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def print_to_pdf(html, pdf, workdir):
    result = run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                  "--no-pdf-header-footer", f"--user-data-dir={workdir}/chromium-profile",
                  f"--print-to-pdf={pdf}", "file://" + os.path.abspath(html)], timeout=300)
    if not os.path.exists(pdf):
        sys.exit(f"chromium printed no PDF: {result.stderr[-2000:]}")


def pdf_text(pdf):
    # Without -layout the text comes in reading order, one table cell or heading per line.
    return run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout


def pdf_pages(pdf):
    info = run(["pdfinfo", pdf]).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def check_page(binary, db, workdir, name, extra, max_pages, failures):
    html = os.path.join(workdir, name + ".html")
    jury(binary, db, "report", "--html", html, *extra)
    first = open(html, "rb").read()
    jury(binary, db, "report", "--html", html, *extra)
    if open(html, "rb").read() != first:
        failures.append(f"{name}: a second run wrote different bytes")
    page = first.decode("utf-8")
    for forbidden in ("<script", "src=", "href", "url(", "<img", "<link"):
        if forbidden in page:
            failures.append(f"{name}: the page contains {forbidden!r}")

    pdf = os.path.join(workdir, name + ".pdf")
    print_to_pdf(html, pdf, workdir)
    text = pdf_text(pdf)
    flat = re.sub(r"\s+", "", text)  # lines may break anywhere in the PDF text
    for heading in HEADINGS:
        if heading not in flat:
            failures.append(f"{name}: heading {heading!r} missing from the PDF")

    report = json.loads(jury(binary, db, "report", "--json", *extra))
    for pool in report["pools"]:
        wanted = f"参与排名{pool['entries']}件"
        if wanted not in flat:
            failures.append(f"{name}: {wanted!r} missing from the PDF")
    layout = run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"]).stdout
    for judge in report["judges"]:
        # A table row keeps its cells on one line of the layout text (the + sign is the page's).
        row = (rf"{judge['judge_id']}\s+{judge['load']}\s+{judge['mean_total']:.2f}\s+"
               + re.escape(f"{judge['severity']:+.2f}"))
        if not re.search(row, layout):
            failures.append(f"{name}: judge row {row!r} missing from the PDF")
    for pool in report["pools"]:
        if pool["components"] > 1 and "警告" not in flat:
            failures.append(f"{name}: a pool in {pool['components']} parts but no warning")
    pages = pdf_pages(pdf)
    if not 2 <= pages <= max_pages:
        failures.append(f"{name}: {pages} pages (expected 2 to {max_pages})")
    print(f"{name}: {pages} A4 pages, {len(report['pools'])} pools, "
          f"{len(report['judges'])} judge rows, {len(first)} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jury", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    if shutil.which("chromium") is None or shutil.which("pdftotext") is None:
        sys.exit("chromium and pdftotext (poppler-utils) are needed")
    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    demo = os.path.join(args.workdir, "demo")
    result = run([args.jury, "demo", demo])
    if result.returncode != 0:
        sys.exit(f"jury demo failed: {result.stderr}")

    failures = []
    check_page(args.jury, os.path.join(demo, "jury.db"), args.workdir, "one-round", [], 40,
               failures)
    staged = os.path.join(demo, "rounds", "jury.db")
    for round_id in ("prelim", "final"):
        check_page(args.jury, staged, args.workdir, "round-" + round_id, ["--round", round_id],
                   40, failures)
    for failure in failures:
        print("FAIL:", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
