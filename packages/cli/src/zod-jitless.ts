// Turns off zod's compiled fast-path parsers. bin.ts imports this module before any other, because
// zod reads the setting when each schema is built, not when it parses: set after the DSL's schemas
// exist (as a statement in bin.ts itself would be, imports being evaluated first), it changes
// nothing. A run parses one config once, and compiling a parser per object schema with
// `new Function` costs more than it saves: a few ms of every cold start.
// `* as z`, as in the DSL's schemas: importing zod's `z` object makes the bundle build it, with
// every export of zod in it (all its locales among them), at each start.
import * as z from "zod";

z.config({ jitless: true });
