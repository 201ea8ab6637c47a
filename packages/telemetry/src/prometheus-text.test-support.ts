import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One metric family of a `/metrics` text, as the Prometheus text-format parser gives it. */
export type Family = ReturnType<typeof parsePrometheusTextFormat>[number];
type Sample = Family['metrics'][number];

/** A parsed `/metrics` text. */
export interface Exposition {
  /** Every family, by name, with its type and help. */
  families: Map<string, Family>;
  /** Every sample line by its own name (`x_count`, `x_bucket`…), labels kept. */
  samples: Map<string, Sample[]>;
}

/**
 * Parses an exposition with `parse-prometheus-text-format`. Its 1.1.1 flattens the label sets of
 * a histogram into one (only unlabelled `_count` / `_sum` survive), so the histograms' samples are
 * also read from the same text without its `# TYPE … histogram` lines, which the parser then
 * reads as untyped samples, labels and all.
 */
export function parseExposition(text: string): Exposition {
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  const samples = new Map<string, Sample[]>();
  for (const family of parsePrometheusTextFormat(text.replace(/^# TYPE \S+ histogram$/gm, '')))
    samples.set(family.name, [...(samples.get(family.name) ?? []), ...family.metrics]);
  return { families, samples };
}

const matching = (samples: Sample[] | undefined, where: Record<string, string>) =>
  (samples ?? []).filter((m) => Object.entries(where).every(([k, v]) => m.labels?.[k] === v));

/** Sum of the counter's or gauge's samples whose labels include `where`. */
export function sumOf(exposition: Exposition, name: string, where: Record<string, string> = {}): number {
  return matching(exposition.families.get(name)?.metrics, where).reduce((n, m) => n + Number(m.value), 0);
}

/** Observations of histogram `name` whose labels include `where` (its `_count` samples). */
export function countOf(exposition: Exposition, name: string, where: Record<string, string> = {}): number {
  return matching(exposition.samples.get(`${name}_count`), where).reduce((n, m) => n + Number(m.value), 0);
}

/** The distinct values of `label` across every sample of `name` (histograms: their `_count`). */
export function labelValues(exposition: Exposition, name: string, label: string): Set<string> {
  const samples = exposition.samples.get(`${name}_count`) ?? exposition.samples.get(name) ?? [];
  return new Set(
    samples.flatMap((m) => (m.labels?.[label] !== undefined ? [m.labels[label] as string] : [])),
  );
}
