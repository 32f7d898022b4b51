// The API names a bad field by its JSON name (title_since, employer_code, items[3].hours) in the
// problem's `field` and often inside its message. A user knows the field by the form's label, so
// every message the UI shows says 取得职称日期, not title_since (docs: web/README.md).

/** items[3].hours → hours; evidence[0] → evidence. */
export function baseField(field: string): string {
  const m = /^(?:[a-z_]+\[\d+\]\.)?([a-z_]+)(?:\[\d+\])?$/.exec(field);
  return m ? m[1] : field;
}

/**
 * `text` with API field names replaced by `label(name)` (null: leave the name). Chinese text gets
 * every known name replaced; English text only snake_case names and the problem's own fields,
 * since names like "date" or "to" are also English words.
 */
export function withFieldLabels(text: string, fields: (string | undefined)[], label: (name: string) => string | null, chinese: boolean): string {
  const named = new Set(fields.filter((f): f is string => !!f).map(baseField));
  return text.replace(/(?<![A-Za-z0-9_])([a-z][a-z_]*[a-z])(?:\[\d+\](?:\.([a-z_]+))?)?(?![A-Za-z0-9_])/g, (whole, name: string, sub?: string) => {
    const target = sub ?? name;
    if (!chinese && !target.includes("_") && !named.has(target)) return whole;
    return label(target) ?? whole;
  });
}
