// The domain a relay host belongs to, for grouping hosts by destination: its last two labels, or
// three under a country code's generic second level (mx.example.co.uk → example.co.uk). An
// approximation of the Public Suffix List, which mail-metrics does not ship; an IP address is itself.

const GENERIC_SECOND_LEVEL = new Set(["ac", "co", "com", "edu", "gov", "net", "org", "or", "ne", "go"]);

export function registeredDomain(host: string): string {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (/^[\d.]+$/.test(name) || name.includes(":")) return name;
  const labels = name.split(".");
  if (labels.length <= 2) return name;
  const [second, top] = labels.slice(-2) as [string, string];
  const keep = top.length === 2 && GENERIC_SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-keep).join(".");
}
