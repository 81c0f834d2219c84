/** One sample: labels and a value. */
export interface Sample {
  labels?: Readonly<Record<string, string>>;
  value: number;
}

/** One metric family in the text exposition format. */
export interface MetricFamily {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  /** For histograms, sample names carry their suffix (`_bucket`, `_sum`, `_count`). */
  samples: readonly (Sample & { suffix?: string })[];
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const escapeHelp = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

/** Renders families as Prometheus text exposition format 0.0.4. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(
      `# HELP ${family.name} ${escapeHelp(family.help)}`,
      `# TYPE ${family.name} ${family.type}`,
    );
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels ?? {});
      const rendered = labels.length
        ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`
        : "";
      lines.push(`${family.name}${sample.suffix ?? ""}${rendered} ${formatValue(sample.value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Histogram samples from per-bucket counts (not cumulative) in milliseconds, exposed in seconds. */
export function histogramSamples(
  labels: Readonly<Record<string, string>>,
  boundsMs: readonly number[],
  countsByBound: Readonly<Record<string, number>>,
  sumMs: number,
  count: number,
): (Sample & { suffix: string })[] {
  const samples: (Sample & { suffix: string })[] = [];
  let cumulative = 0;
  for (const bound of boundsMs) {
    cumulative += countsByBound[String(bound)] ?? 0;
    samples.push({
      suffix: "_bucket",
      labels: { ...labels, le: String(bound / 1000) },
      value: cumulative,
    });
  }
  samples.push({ suffix: "_bucket", labels: { ...labels, le: "+Inf" }, value: count });
  samples.push({ suffix: "_sum", labels, value: sumMs / 1000 });
  samples.push({ suffix: "_count", labels, value: count });
  return samples;
}
