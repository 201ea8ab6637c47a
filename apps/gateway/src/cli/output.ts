import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/** Where a command writes: colour only on a TTY (and never with `NO_COLOR`), JSON when asked. */
export class Output {
  readonly json: boolean;
  readonly #colour: boolean;

  constructor(
    options: { json?: boolean } = {},
    readonly stdout: NodeJS.WriteStream = process.stdout,
    readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {
    this.json = options.json === true;
    this.#colour = stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  }

  /** `text` styled when colour is on. */
  style(style: Style, text: string): string {
    return this.#colour ? styleText(style, text) : text;
  }

  line(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  /** A result: JSON with `--json`, else what `human` prints. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else human();
  }

  /** A table of rows (objects with the same keys), columns padded; right-aligned where numeric. */
  table(
    rows: ReadonlyArray<Record<string, string | number | boolean | undefined>>,
    columns?: string[],
  ): void {
    if (rows.length === 0) {
      this.line(this.style('dim', '(none)'));
      return;
    }
    const keys = columns ?? Object.keys(rows[0] as object);
    const cells = rows.map((row) => keys.map((key) => (row[key] === undefined ? '' : String(row[key]))));
    const widths = keys.map((key, i) => Math.max(key.length, ...cells.map((c) => (c[i] as string).length)));
    const numeric = keys.map((key) =>
      rows.every((row) => typeof row[key] === 'number' || row[key] === undefined),
    );
    const pad = (text: string, i: number) =>
      numeric[i] ? text.padStart(widths[i] as number) : text.padEnd(widths[i] as number);
    this.line(this.style('bold', keys.map(pad).join('  ')));
    for (const row of cells) this.line(row.map(pad).join('  ').trimEnd());
  }

  /** An error for a person: the message, and what to do when known. */
  error(message: string, action?: string): void {
    if (this.json) {
      this.stderr.write(`${JSON.stringify({ error: { message, ...(action && { action }) } })}\n`);
      return;
    }
    this.stderr.write(`${this.#colour ? styleText('red', 'error') : 'error'}: ${message}\n`);
    if (action) this.stderr.write(`  ${action}\n`);
  }
}
