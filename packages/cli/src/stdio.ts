// How bin.ts talks to the terminal without what node builds for it: process.stdout and
// process.stderr load node's stream modules, and node:tty loads node:net, together several ms of
// every start, for a run that prints one line.
import { writeSync } from "node:fs";
import { nodeTty } from "./lazy-node.ts";

/**
 * A writer for fd 1 or 2. On Linux and macOS, process.stdout and process.stderr write to files,
 * pipes and terminals synchronously as well, so writing with writeSync changes only the cost; and
 * a pipe closed early (`gen-nix --check | head -1`) becomes an EPIPE error like any failed write
 * (exit 74) instead of an unhandled stream error. Windows keeps the streams: a console there
 * needs their conversion of the text to UTF-16. Should the descriptor be one that does not block
 * (EAGAIN: a full pipe or terminal that another process set to O_NONBLOCK), the stream takes over
 * for the rest of the run and waits for the reader, as it would have from the start.
 */
export function stdioWriter(fd: 1 | 2): (text: string) => void {
  const stream = (): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);
  if (process.platform === "win32") return (text) => void stream().write(text);
  let streamed = false;
  return (text) => {
    if (streamed) return void stream().write(text);
    const bytes = Buffer.from(text, "utf8");
    for (let done = 0; done < bytes.length; ) {
      try {
        done += writeSync(fd, bytes, done);
      } catch (error) {
        if (Reflect.get(Object(error), "code") !== "EAGAIN") throw error;
        streamed = true;
        stream().write(bytes.subarray(done));
        return;
      }
    }
  };
}

/** Whether stderr is a terminal; node:tty is loaded only when this is first asked. */
export const stderrIsTerminal = (): boolean => nodeTty().isatty(2);
