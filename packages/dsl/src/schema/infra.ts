import * as z from "zod";
import { HostSchema } from "./host.ts";
import { HOST_NAME, INPUT_NAME, namedRecord } from "./rules.ts";

/** A flake input: its URL, or the URL plus whether it shares our nixpkgs. */
export const FlakeInputSchema = z.union(
  [
    z.string().min(1),
    z.strictObject({
      /** Flake reference → inputs.<name>.url */
      url: z.string().min(1),
      /** → inputs.<name>.inputs.nixpkgs.follows = "nixpkgs"; default true */
      followsNixpkgs: z.boolean().default(true),
    }),
  ],
  { error: "an input must be a flake URL string or { url: string, followsNixpkgs?: boolean }" },
);
export type FlakeInput = z.output<typeof FlakeInputSchema>;

const InputsSchema = namedRecord(FlakeInputSchema, INPUT_NAME, {
  // Names the generated flake already uses for its own inputs/arguments.
  keys: ["nixpkgs", "self"],
  code: "name_clash",
  message: (name) => `input name "${name}" is used by the generated flake itself; rename it`,
});

/** The whole infrastructure: one flake with one nixosConfiguration per host. */
export const InfraSchema = z.strictObject({
  /** Branch of github:NixOS/nixpkgs → inputs.nixpkgs.url; default "nixos-26.05" */
  nixpkgs: z
    .string()
    .regex(/^(nixos-\d\d\.\d\d|nixos-unstable)$/, {
      error: 'nixpkgs must be a branch like "nixos-26.05" or "nixos-unstable"',
    })
    .default("nixos-26.05"),
  /** Extra flake inputs (app sources) → inputs.<name> */
  inputs: InputsSchema.default({}),
  /** Key = host name → nixosConfigurations.<host>, networking.hostName */
  hosts: namedRecord(HostSchema, HOST_NAME),
});
/** A config after parsing: defaults applied. */
export type Infra = z.output<typeof InfraSchema>;
/** What users write in `infra.config.ts`. */
export type InfraInput = z.input<typeof InfraSchema>;
