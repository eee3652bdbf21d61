/** A one-line progress bar on stderr, shown only once a run has taken longer than a second. */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDrawn = -1;
  private shown = false;

  constructor(private readonly label: string, private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** Report progress as a fraction in [0, 1]. */
  update(fraction: number, detail = ""): void {
    if (!this.shown && Date.now() - this.started < 1000) return;
    this.shown = true;
    const percent = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
    if (!this.stream.isTTY) {
      // Non-interactive: a line every 10 %.
      if (percent >= this.lastDrawn + 10 || percent === 100) {
        this.stream.write(`${this.label} ${percent}% ${detail}\n`);
        this.lastDrawn = percent - (percent % 10);
      }
      return;
    }
    if (percent === this.lastDrawn) return;
    this.lastDrawn = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    this.stream.write(`\r${this.label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}% ${detail}   `);
  }

  /** Ends the bar's line if it was drawn. */
  finish(): void {
    if (this.shown && this.stream.isTTY) this.stream.write("\n");
  }
}
