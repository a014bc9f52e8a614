"""The phone engine's algorithm in Python with `phonenumbers`, for the benchmark's comparison.

Reads `input<TAB>region` lines, normalizes each the way src/phone does (clean; `+` is
international; else collect IDD / country-code-without-plus / national readings; prefer an
explicit country code in the same country; else repairs of leading zeros), prints numbers/s.
"""
import re
import sys
import time

import phonenumbers
from phonenumbers import NumberParseException

IDD = {"US": ["011"], "CA": ["011"], "AU": ["0011"], "JP": ["010"]}
EXT = re.compile(r"(?:;ext=|extension|ext\.?|\sx|x|#)\s*[.:=]?\s*(\d+)\s*$", re.I)


def valid(text, region=None):
    try:
        n = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    return n if phonenumbers.is_valid_number(n) else None


def e164(n):
    return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)


def normalize(raw, region):
    s = EXT.sub("", raw)
    m = re.search(r"[+(0-9]", s)
    if not m:
        return None
    s = s[m.start():]
    plus = s.lstrip("(").startswith("+")
    digits = re.sub(r"\D", "", s)
    if len(digits) < 3:
        return None
    if plus:
        n = valid("+" + digits)
        return e164(n) if n else None
    cc = str(phonenumbers.country_code_for_region(region))
    readings = []
    for idd in IDD.get(region, ["00"]):
        if digits.startswith(idd):
            n = valid("+" + digits[len(idd):])
            if n:
                readings.append((n, True))
    if digits.startswith(cc):
        n = valid("+" + digits)
        if n:
            readings.append((n, True))
    if not readings:
        n = valid(digits, region)
        if n and str(n.country_code) == cc:
            readings.append((n, False))
    distinct = {}
    for n, explicit in readings:
        distinct.setdefault(e164(n), (n, explicit))
    if len(distinct) == 1:
        return next(iter(distinct))
    if len(distinct) > 1:
        explicit = [k for k, (n, x) in distinct.items() if x]
        countries = {n.country_code for n, _ in distinct.values()}
        return explicit[0] if len(countries) == 1 and len(explicit) == 1 else None
    repairs = set()
    cand = digits
    for _ in range(2):
        if not cand.startswith("0"):
            break
        cand = cand[1:]
        n = valid(cand, region)
        if n and str(n.country_code) == cc:
            repairs.add(e164(n))
    return repairs.pop() if len(repairs) == 1 else None


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")]
    start = time.perf_counter()
    ok = 0
    for raw, region in rows:
        if normalize(raw, region):
            ok += 1
    elapsed = time.perf_counter() - start
    print(f"{len(rows) / elapsed:.0f} {ok}")


if __name__ == "__main__":
    main()
