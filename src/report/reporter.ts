// The interface each output format implements, one file per format.
import type { Report } from './report.js';

/** Options every renderer understands. */
export interface RenderOptions {
  /** ANSI colour; off when NO_COLOR is set or the output is not a terminal. */
  color: boolean;
  /** Every check of every host, not only what needs attention (formats that always show all ignore it). */
  verbose?: boolean;
}

/** An output format, looked up by name from `--format`. */
export interface Reporter {
  name: string;
  render(report: Report, options: RenderOptions): string;
}
