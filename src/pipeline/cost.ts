// Logs Insights bills per GB scanned: $0.005 in us-east-1, other Regions differ a little
// (docs/cloudwatch-facts.md#insights-pricing). The estimate is for orientation, not an invoice.
const USD_PER_GB = 0.005;

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatScanCost(bytes: number): string {
  const dollars = (bytes / 1e9) * USD_PER_GB;
  const shown = dollars === 0 ? "0" : dollars < 0.0001 ? "<0.0001" : dollars.toFixed(4);
  return `${formatBytes(bytes)} scanned (~$${shown})`;
}
