#!/usr/bin/env node
// Runs the bundled CLI through V8's code cache: compiling the 1.5 MB bundle is most of a cold
// start, and a cache made after a real run also holds the functions compiled lazily during it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const bundle = fileURLToPath(new URL("../dist/gen-nix.cjs", import.meta.url));
const cacheFile = `${bundle}.${process.version}.cache`;
const cached = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, "utf8")}\n})`;
const script = new vm.Script(source, { filename: bundle, cachedData: cached, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });

if (cached === undefined || script.cachedDataRejected) {
  process.once("exit", () => {
    try {
      writeFileSync(cacheFile, script.createCachedData());
    } catch {
      // A read-only install just runs without the cache.
    }
  });
}

const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, fileURLToPath(new URL("../dist", import.meta.url)));
