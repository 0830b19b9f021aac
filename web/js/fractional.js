// Order keys with room between any two: the same algorithm as board/FractionalIndex.java.
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function midpoint(a, b) {
  if (b !== null) {
    let n = 0;
    while (n < b.length && (n < a.length ? a[n] : '0') === b[n]) n += 1;
    if (n > 0) return b.slice(0, n) + midpoint(a.length > n ? a.slice(n) : '', b.slice(n));
  }
  const digitA = a === '' ? 0 : DIGITS.indexOf(a[0]);
  const digitB = b === null ? BASE : DIGITS.indexOf(b[0]);
  if (digitB - digitA > 1) return DIGITS[Math.floor((digitA + digitB) / 2)];
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA] + midpoint(a.length > 1 ? a.slice(1) : '', null);
}

/** A key strictly between `before` and `after`; either may be null (an open end). */
export function between(before, after) {
  return midpoint(before ?? '', after ?? null);
}
