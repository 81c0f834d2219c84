const MIN_SECRET_LENGTH = 8;

/**
 * The scripts' only way to print. Every line passes through redaction of the secrets it was
 * told about, so a token can never reach a terminal or a CI log, whatever message carries it.
 */
export class Output {
  private readonly secrets = new Set<string>();

  constructor(
    private readonly stdout: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly stderr: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /** Redacts `value` from everything printed from now on (too short to be a secret: ignored). */
  protect(value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  /** A line of normal output (stdout). */
  line(text = ""): void {
    this.stdout(this.redact(text));
  }

  /** A warning (stderr); the run goes on. */
  warn(text: string): void {
    this.stderr(this.redact(`warning: ${text}`));
  }

  /** The reason a run failed, folded onto one line (stderr). */
  error(text: string): void {
    this.stderr(this.redact(`error: ${text.trim().replace(/\s*\n\s*/g, "; ")}`));
  }

  private redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join("[redacted]");
    return result;
  }
}
