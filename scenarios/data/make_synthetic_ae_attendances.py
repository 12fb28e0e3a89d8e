#!/usr/bin/env python3
"""Writes synthetic_ae_attendances.csv: made-up daily A&E attendance counts
for LLR from 2015-10-04 to 2017-03-31 (the 545 days of the baseline's run
when run.start_date is 2015-10-04), in the format of arrivals.<source>.data
(docs/scenario_reference.md). NOT real patient data: every count follows
the rule below, so the file can be rebuilt exactly.

  count = round(890 x weekday x season x special x noise)
    890      the baseline's mean attendances a day (scenarios/llr_2016_baseline.yaml)
    weekday  the baseline's day_of_week profile, Monday first:
             1.10 1.00 0.98 0.97 0.98 0.97 1.00
    season   1 + 0.05 cos(2 pi (day of year - 15) / 365.25): +5% in mid-January,
             -5% in mid-July
    special  0.80 on 25 December, 1.10 on 26 December to 2 January,
             1.12 from 2017-01-02 to 2017-01-15 (a hard fortnight, "last winter")
    noise    1 + 0.03 z, z from Python's random.Random(2016).gauss(0, 1), one a day

Run from this folder: python3 make_synthetic_ae_attendances.py
"""
import datetime
import math
import random

FIRST = datetime.date(2015, 10, 4)
LAST = datetime.date(2017, 3, 31)
WEEKDAY = [1.10, 1.00, 0.98, 0.97, 0.98, 0.97, 1.00]
HARD_FORTNIGHT = (datetime.date(2017, 1, 2), datetime.date(2017, 1, 15))


def special(day):
    if (day.month, day.day) == (12, 25):
        return 0.80
    if (day.month == 12 and day.day >= 26) or (day.month == 1 and day.day <= 2):
        return 1.10
    if HARD_FORTNIGHT[0] <= day <= HARD_FORTNIGHT[1]:
        return 1.12
    return 1.0


def main():
    noise = random.Random(2016)
    lines = [line.rstrip() for line in HEADER.strip("\n").split("\n")]
    lines.append("date,count")
    day = FIRST
    while day <= LAST:
        day_of_year = day.timetuple().tm_yday
        season = 1.0 + 0.05 * math.cos(2.0 * math.pi * (day_of_year - 15) / 365.25)
        count = 890.0 * WEEKDAY[day.weekday()] * season * special(day) * (1.0 + 0.03 * noise.gauss(0.0, 1.0))
        lines.append(f"{day.isoformat()},{round(count)}")
        day += datetime.timedelta(days=1)
    with open("synthetic_ae_attendances.csv", "w", newline="\n") as out:
        out.write("\n".join(lines) + "\n")


HEADER = """
# SYNTHETIC daily A&E attendances for LLR, 2015-10-04 to 2017-03-31: made up
# by rule, NOT real patient data. Written by make_synthetic_ae_attendances.py
# (same folder), which states the rule: count = round(890 x weekday x season
# x special x noise), with the baseline's weekday profile, +-5% winter/summer,
# Christmas and New Year, a hard fortnight from 2017-01-02 to 2017-01-15 and
# 3% noise from a fixed seed. Format: docs/scenario_reference.md (arrivals.<source>.data).
"""

if __name__ == "__main__":
    main()
