// The commands an alarm's description tells its reader to run: `mail-metrics explain` for a metric a
// query publishes (the log lines behind it), `mail-metrics state show` for the tool's own health.
// The config path is the absolute path of the config `alarms sync` read, so the command works from
// any directory.

/** `--dimension` pairs are given only when the metric name alone leaves `explain` more than one series. */
export function explainCommand(metric: string, configPath: string, dimensions?: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(dimensions ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([name, value]) => ["--dimension", shellWord(`${name}=${value}`)]);
  return ["mail-metrics explain", shellWord(metric), "--config", shellWord(configPath), ...pairs].join(" ");
}

export function stateShowCommand(configPath: string): string {
  return `mail-metrics state show --config ${shellWord(configPath)}`;
}

/** A word a POSIX shell reads back unchanged: as it is when plain, else in single quotes. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
