"""The whole-process comparison for `aircom normalize` (issue 13): Python `phonenumbers` doing
parse, validate and format on the same CSV file.

`normalize_py.py IN.csv OUT.csv`: reads `id,name,phone,country` rows, parses each phone with
its row's country as the default region, validates it, formats it as E.164, and writes the
rows back with `e164` and `phone_status` columns. Prints the number of valid rows. The
benchmark times the whole process (start-up and import included), as it times `aircom`.
"""
import csv
import sys

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat


def main():
    valid = 0
    with open(sys.argv[1], newline="", encoding="utf-8") as src, open(
        sys.argv[2], "w", newline="", encoding="utf-8"
    ) as dst:
        reader = csv.reader(src)
        writer = csv.writer(dst)
        header = next(reader)
        phone = header.index("phone")
        country = header.index("country")
        writer.writerow(header + ["e164", "phone_status"])
        for row in reader:
            e164, status = "", "invalid"
            try:
                n = phonenumbers.parse(row[phone], row[country] or None)
                if phonenumbers.is_valid_number(n):
                    e164 = phonenumbers.format_number(n, PhoneNumberFormat.E164)
                    status = "valid"
                    valid += 1
            except NumberParseException:
                pass
            writer.writerow(row + [e164, status])
    print(valid)


if __name__ == "__main__":
    main()
