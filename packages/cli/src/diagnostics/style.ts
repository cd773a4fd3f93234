// ANSI colours for messages on a terminal, and the rule for when to use them: FORCE_COLOR wins
// (as in Node), then NO_COLOR (https://no-color.org), then whether stderr is a terminal.

export interface Style {
  error(text: string): string;
  warning(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  help(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const plain = (text: string): string => text;

export const PLAIN: Style = { error: plain, warning: plain, bold: plain, dim: plain, help: plain };

export const ANSI: Style = {
  error: (text) => sgr(1, 22)(sgr(31, 39)(text)),
  warning: (text) => sgr(1, 22)(sgr(33, 39)(text)),
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  help: sgr(36, 39),
};

/** Whether to colour output for a stream with `isTTY` under `env`. */
export function useColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY === true && env.TERM !== "dumb";
}
