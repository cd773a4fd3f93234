#!/usr/bin/env node
import "../dist/gen-nix.mjs";
