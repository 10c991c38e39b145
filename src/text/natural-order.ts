/**
 * Natural order (`ch2` before `ch10`) that does not depend on the machine's locale,
 * so the same folder gives the same book everywhere.
 */
export function compareNatural(a: string, b: string): number {
  const partsA = a.toLowerCase().match(/\d+|\D+/g) ?? [];
  const partsB = b.toLowerCase().match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(partsA.length, partsB.length); i++) {
    const x = partsA[i] as string;
    const y = partsB[i] as string;
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff;
    }
    return x < y ? -1 : 1;
  }
  if (partsA.length !== partsB.length) return partsA.length - partsB.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
