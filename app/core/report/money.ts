// Money in integer minor units, formatted in the shop's currency with Intl.

/** Decimal places of a currency (2 for USD, 0 for JPY, 3 for KWD); 2 when Intl does not know it. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "89.00" in USD → 8900; rounds half away from zero at the currency's precision. Non-numbers → 0. */
export function toMinor(amount: string | number | null | undefined, currency: string): number {
  const value = typeof amount === "number" ? amount : Number.parseFloat(amount ?? "");
  if (!Number.isFinite(value)) return 0;
  const factor = 10 ** currencyDigits(currency);
  return Math.sign(value) * Math.round(Math.abs(value) * factor);
}

export function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/** 8900 in USD → "$89.00" (locale "en" unless given). */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(fromMinor(minor, currency));
  } catch {
    return `${fromMinor(minor, currency).toFixed(2)} ${currency}`;
  }
}

/** A plain decimal for CSV ("89.00"), no symbol or grouping. */
export function formatDecimal(minor: number, currency: string): string {
  return fromMinor(minor, currency).toFixed(currencyDigits(currency));
}
