/**
 * A user agent as a person reads it: "Chrome 120 · Windows". Only the common browsers and
 * systems are named; anything else shows the raw string's first words.
 */
export function describeAgent(ua: string): string {
  if (!ua) return "";
  const browser =
    match(ua, /Edg\/(\d+)/, "Edge") ?? match(ua, /Firefox\/(\d+)/, "Firefox") ??
    match(ua, /(?:HeadlessChrome|Chrome)\/(\d+)/, "Chrome") ?? match(ua, /Version\/(\d+)\S* .*Safari\//, "Safari");
  const system = /Windows/.test(ua) ? "Windows" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS"
    : /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : "";
  if (!browser && !system) return ua.slice(0, 60);
  return [browser, system].filter(Boolean).join(" · ");
}

function match(ua: string, re: RegExp, name: string): string | null {
  const m = re.exec(ua);
  return m ? `${name} ${m[1]}` : null;
}
