/**
 * Fault injection for the crash-safety test: with GEN_NIX_FAULT_INJECT_KILL_AFTER_STEP=N in the
 * environment, the process SIGKILLs itself right after the N-th step that changes the disk, just
 * as `kill -9` or a power cut would stop it there. Unset, this does nothing.
 */
let steps = 0;

export function faultInjectionPoint(): void {
  const killAfter = Number(process.env["GEN_NIX_FAULT_INJECT_KILL_AFTER_STEP"] ?? "");
  if (++steps === killAfter) process.kill(process.pid, "SIGKILL");
}
