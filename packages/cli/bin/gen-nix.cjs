#!/usr/bin/env node
// Runs the bundled CLI through V8's code cache: compiling the 1 MB bundle is most of a cold
// start, and a cache made after a real run also holds the functions compiled lazily during it.
// CommonJS, not an ES module: an ES module entry costs node's module loader about 10 ms of a
// ~110 ms run.
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const vm = require("node:vm");

const dist = join(__dirname, "../dist");
const bundle = join(dist, "gen-nix.cjs");
const cacheFile = `${bundle}.${process.version}.cache`;
const cached = readIfThere(cacheFile);
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

// This file's own require serves the bundle: it requires only node's modules and packages of
// @gen-nix/cli, which resolve the same from bin/ as from dist/.
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, require, bundleModule, bundle, dist);

function readIfThere(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
