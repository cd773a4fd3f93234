// Public API of @gen-nix/cli, for tools that drive gen-nix from code rather than the shell.
export { genNix, type CliIo } from "./gen-nix.ts";
export { runCli } from "./main.ts";
export { loadConfig, type LoadConfigOptions } from "./load-config.ts";
export { writeFiles, type WriteSummary } from "./write.ts";
export { checkFiles, type CheckResult } from "./check.ts";
export { CliError, ConfigLoadError, OutDirError, UsageError, type SourceLocation } from "./errors.ts";
