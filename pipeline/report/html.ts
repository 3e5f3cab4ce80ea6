/**
 * Escaping for the three contexts the report writes data into: element
 * text, attribute values, and JSON inside <script type="application/json">.
 * Every string that comes from a transcript, a table or the manifest goes
 * through one of these.
 */

const TEXT: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes for element content and quoted attribute values alike. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => TEXT[c]!);
}

/**
 * JSON safe to place inside a script element: "<" cannot open a tag
 * (</script>, <!--), and U+2028/2029 stay escaped for old parsers.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Fragment-safe ids: letters, digits, "-" and "_" only, prefixed so they
 * never start with a digit; collisions get -2, -3 … in order of first use.
 */
export function idMaker(prefix: string): (raw: string) => string {
  const seen = new Map<string, string>();
  const used = new Set<string>();
  return (raw: string) => {
    const known = seen.get(raw);
    if (known) return known;
    const base = `${prefix}${raw.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x'}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    seen.set(raw, id);
    return id;
  };
}

/** Only http(s) links are emitted as links; anything else stays text. */
export function safeUrl(url: string): string | undefined {
  return /^https?:\/\/[^\s<>"']+$/i.test(url) ? url : undefined;
}

export function formatInt(n: number): string {
  // Thin grouping by hand: toLocaleString depends on the machine's locale.
  const s = String(Math.round(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
