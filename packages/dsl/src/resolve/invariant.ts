/** For values validation guarantees; a miss is a gen-nix bug, not a config problem. */
export function invariant<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`(bug) ${what} should have been validated`);
  return value;
}
