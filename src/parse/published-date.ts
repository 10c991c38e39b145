const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * A publication date as written in a header → ISO `YYYY-MM-DD` (`YYYY-MM`, `YYYY` when that is
 * all it says). Takes `2021-04-02`, `2021/4/2`, `April 2, 2021`, `2 Apr 2021`, `April 2021`, `2021`
 * and an ISO timestamp; an all-number date such as `02/04/2021` is ambiguous and gives undefined.
 */
export function toIsoDate(value: string): string | undefined {
  const text = value
    .trim()
    .toLowerCase()
    .replace(/(\d)(?:st|nd|rd|th)\b/g, '$1');
  const iso = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[t\s].*)?$/.exec(text);
  if (iso) return isoOf(iso[1] as string, iso[2], iso[3]);
  const monthFirst = /^(?:[a-z]+,?\s+)??([a-z]{3,9})\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$/.exec(text);
  if (monthFirst)
    return withMonth(monthFirst[1] as string, (month) => isoOf(monthFirst[3] as string, month, monthFirst[2]));
  const dayFirst = /^(?:[a-z]+,?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})$/.exec(text);
  if (dayFirst) return withMonth(dayFirst[2] as string, (month) => isoOf(dayFirst[3] as string, month, dayFirst[1]));
  return undefined;
}

/** `Apr`, `April`, `Sept` → its number for `then`; anything else is no date. */
function withMonth(name: string, then: (month: string) => string | undefined): string | undefined {
  const index = name.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(name)) : -1;
  return index >= 0 ? then(String(index + 1)) : undefined;
}

function isoOf(year: string, month: string | undefined, day: string | undefined): string | undefined {
  if (month === undefined) return year;
  const m = Number(month);
  if (m < 1 || m > 12) return undefined;
  const mm = String(m).padStart(2, '0');
  if (day === undefined) return `${year}-${mm}`;
  const d = Number(day);
  const daysInMonth = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  if (d < 1 || d > daysInMonth) return undefined;
  return `${year}-${mm}-${String(d).padStart(2, '0')}`;
}
