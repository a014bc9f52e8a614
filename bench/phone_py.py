"""The phone engine's algorithm in Python with `phonenumbers`, for the benchmark's comparison.

Reads `input<TAB>region` lines, normalizes each the way src/phone does with one hint region
(clean; `+` is international; else the library's own parse with the region, which strips the
region's international prefix from its metadata and names the reading by its country code
source; the country code typed without `+`; the international prefix the library writes from
the region; when nothing reads in the region's own country, a stray or doubled leading zero
dropped; a reading with an explicit country code wins in the same country, any other
disagreement is ambiguous), prints "<numbers per second> <valid count>".
"""
import re
import sys
import time

import phonenumbers
from phonenumbers import CountryCodeSource, NumberParseException

EXT = re.compile(r"(?:;ext=|extension|ext\.?|\sx|x|#)\s*[.:=]?\s*(\d+)\s*$", re.I)
PROBE = phonenumbers.parse("+80012345678")
WRITTEN_IDD = {}


def written_idd(region):
    if region not in WRITTEN_IDD:
        text = phonenumbers.format_out_of_country_calling_number(PROBE, region)
        prefix = text.split(" ", 1)[0]
        digits = re.sub(r"\D", "", prefix)
        WRITTEN_IDD[region] = None if prefix.startswith("+") or not digits else digits
    return WRITTEN_IDD[region]


def valid(text, region=None, keep=False):
    try:
        if keep:
            n = phonenumbers.parse(text, region, keep_raw_input=True)
        else:
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
    cc = phonenumbers.country_code_for_region(region)
    reads = {}

    def push(n, explicit):
        reads.setdefault(e164(n), (n, explicit))

    lib = valid(digits, region, keep=True)
    took_cc = False
    if lib:
        src = lib.country_code_source
        took_cc = src == CountryCodeSource.FROM_NUMBER_WITHOUT_PLUS_SIGN
        push(lib, src != CountryCodeSource.FROM_DEFAULT_COUNTRY)
    idd = written_idd(region)
    if idd and digits.startswith(idd):
        rest = digits[len(idd):]
        if not (lib and e164(lib)[1:] == rest):
            n = valid("+" + rest)
            if n:
                push(n, True)
    if not took_cc and digits.startswith(str(cc)):
        n = valid("+" + digits)
        if n:
            push(n, True)
    if not any(n.country_code == cc for n, _ in reads.values()):
        cand = digits
        for _ in range(2):
            if not cand.startswith("0"):
                break
            cand = cand[1:]
            n = valid(cand, region)
            if n and n.country_code == cc:
                push(n, False)
    if len(reads) == 1:
        return next(iter(reads))
    if len(reads) > 1:
        explicit = [k for k, (n, x) in reads.items() if x]
        countries = {n.country_code for n, _ in reads.values()}
        return explicit[0] if len(countries) == 1 and len(explicit) == 1 else None
    return None


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
