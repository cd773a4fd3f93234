// Where a host is reached over SSH for installs and deploys: an IP address or a DNS name.
import * as z from "zod";
import { nodeNet } from "../lazy-node.ts";
import { flag } from "./rules.ts";

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Why `address` is not usable as `root@<address>`, or undefined when it is. */
function addressProblem(address: string): string | undefined {
  const { isIPv4, isIPv6 } = nodeNet();
  if (isIPv4(address) || isIPv6(address)) return undefined;
  if (address.includes("@")) return `address "${address}" must not contain a user; gen-nix writes root@<address> itself`;
  if (/^\[.*\]$/.test(address) || /:\d+$/.test(address)) {
    return `address "${address}" must be a bare IP address or DNS name, without brackets or a port (the port is ssh.port)`;
  }
  const labels = address.split(".");
  if (labels.every((l) => /^\d+$/.test(l))) return `address "${address}" is not a valid IPv4 address`;
  if (address.length > 253 || !labels.every((l) => LABEL.test(l))) {
    return `address "${address}" is neither an IP address nor a DNS name (labels of letters, digits and inner '-')`;
  }
  return undefined;
}

/** → the `root@<address>` of the install and deploy commands in DEPLOY.md */
export const AddressSchema = z.string().superRefine((address, ctx) => {
  const problem = addressProblem(address);
  if (problem) flag(ctx, [], "invalid_address", problem);
});
