// The compile cache: what it keeps and when it answers, and the config loader using it (compiled
// once, taken from the cache while the file is unchanged, compiled again after an edit).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { directoryCompileCache, type CompileCache } from "../src/compile-cache.ts";
import { ConfigLoadError } from "../src/errors.ts";
import { loadConfig } from "../src/load-config.ts";
import { removeTempDirs, tempDir, writeTree } from "./support/fs.ts";

test("a stored output comes back for the same key and the same input only", () => {
  const cache = directoryCompileCache(join(tempDir(), "cache"));
  assert.is(cache.get("/a.ts", "in"), undefined);
  cache.set("/a.ts", "in", "out");
  assert.is(cache.get("/a.ts", "in"), "out");
  assert.is(cache.get("/a.ts", "in2"), undefined);
  assert.is(cache.get("/b.ts", "in"), undefined);
  cache.set("/a.ts", "in2", "out2");
  assert.equal([cache.get("/a.ts", "in"), cache.get("/a.ts", "in2")], [undefined, "out2"]);
});

test("a file that is not a whole entry reads as a miss; a cache that cannot be written is skipped", () => {
  const dir = join(tempDir(), "cache");
  const cache = directoryCompileCache(dir);
  cache.set("/a.ts", "in", "out");
  const [entry] = readdirSync(dir);
  for (const text of ['{"input":"in","out', '{"input":"in"}', "[]", ""]) {
    writeFileSync(join(dir, entry!), text);
    assert.is(cache.get("/a.ts", "in"), undefined, text);
  }
  // A directory that cannot be created (its parent is a file): set neither throws nor stores.
  const file = join(tempDir(), "file");
  writeFileSync(file, "");
  const blocked = directoryCompileCache(join(file, "cache"));
  blocked.set("/a.ts", "in", "out");
  assert.is(blocked.get("/a.ts", "in"), undefined);
});

test("beyond the limit, writing an entry deletes the oldest", () => {
  const dir = join(tempDir(), "cache");
  const cache = directoryCompileCache(dir, 3);
  const names = (): string[] => (existsSync(dir) ? readdirSync(dir) : []);
  for (let i = 0; i < 5; i++) {
    const before = new Set(names());
    cache.set(`/f${i}.ts`, "in", `out${i}`);
    // Written within one clock tick, entries could share a time: give each its own, in order.
    const added = names().find((name) => !before.has(name));
    if (added !== undefined) utimesSync(join(dir, added), 1_000 + i, 1_000 + i);
  }
  assert.is(names().length, 3);
  const kept = [0, 1, 2, 3, 4].filter((i) => cache.get(`/f${i}.ts`, "in") === `out${i}`);
  assert.equal(kept, [2, 3, 4]);
});

const stub = { defineInfra: <T>(config: T): T => config };
const modules = { "gen-nix": stub };

/** A cache that records what the loader asks of it and stores into it. */
function recording(inner: CompileCache): CompileCache & { gets: string[]; sets: string[] } {
  const gets: string[] = [];
  const sets: string[] = [];
  return {
    gets,
    sets,
    get(key, input) {
      const output = inner.get(key, input);
      gets.push(`${key.slice(key.lastIndexOf("/") + 1)} ${output === undefined ? "miss" : "hit"}`);
      return output;
    },
    set(key, input, output) {
      sets.push(key.slice(key.lastIndexOf("/") + 1));
      inner.set(key, input, output);
    },
  };
}

test("the loader compiles each file once, then takes it from the cache until it is edited", () => {
  const dir = tempDir();
  writeTree(dir, {
    "infra.config.ts": 'import { defineInfra } from "gen-nix";\nimport { port } from "./port.ts";\nexport default defineInfra({ port });\n',
    "port.ts": "export const port: number = 22;\n",
  });
  const file = join(dir, "infra.config.ts");
  const cache = recording(directoryCompileCache(join(tempDir(), "cache")));
  assert.equal(loadConfig(file, { modules, compileCache: cache }), { port: 22 });
  assert.equal([cache.gets, cache.sets], [["infra.config.ts miss", "port.ts miss"], ["infra.config.ts", "port.ts"]]);

  cache.gets.length = cache.sets.length = 0;
  assert.equal(loadConfig(file, { modules, compileCache: cache }), { port: 22 });
  assert.equal([cache.gets, cache.sets], [["infra.config.ts hit", "port.ts hit"], []]);

  writeTree(dir, { "port.ts": "export const port: number = 2222;\n" });
  cache.gets.length = cache.sets.length = 0;
  assert.equal(loadConfig(file, { modules, compileCache: cache }), { port: 2222 });
  assert.equal([cache.gets, cache.sets], [["infra.config.ts hit", "port.ts miss"], ["port.ts"]]);
});

test("a hit is evaluated as stored, without compiling: the entry's output is what runs", () => {
  const dir = tempDir();
  writeTree(dir, { "infra.config.ts": "export default 1;\n" });
  const file = join(dir, "infra.config.ts");
  const inner = directoryCompileCache(join(tempDir(), "cache"));
  let input = "";
  const spy: CompileCache = { get: (k, i) => inner.get(k, i), set: (k, i, o) => ((input = i), inner.set(k, i, o)) };
  assert.is(loadConfig(file, { modules, compileCache: spy }), 1);
  assert.match(input, /export default 1;\n$/);
  inner.set(file, input, "exports.default = 'stored';");
  assert.is(loadConfig(file, { modules, compileCache: spy }), "stored");
});

test("a file that does not compile is not stored", () => {
  const dir = tempDir();
  writeTree(dir, { "infra.config.ts": "export default {\n  a: 1 2\n};\n" });
  const cache = recording(directoryCompileCache(join(tempDir(), "cache")));
  for (let i = 0; i < 2; i++) {
    try {
      loadConfig(join(dir, "infra.config.ts"), { modules, compileCache: cache });
      assert.unreachable("expected a syntax error");
    } catch (error) {
      assert.instance(error, ConfigLoadError);
    }
  }
  assert.equal([cache.gets, cache.sets], [["infra.config.ts miss", "infra.config.ts miss"], []]);
});

test.after(removeTempDirs);
test.run();
