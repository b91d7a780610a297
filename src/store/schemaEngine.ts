import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

// Prisma's schema engine compiled to WebAssembly (no binary download; see
// ../shared/notes/prisma-offline.md). The wasm-bindgen glue keeps one module-level instance, so the
// module is instantiated once per process.
type WasmExports = Record<string, unknown>;
type Glue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WasmExports): void;
};
// lib ES2023 has no WebAssembly typings (they come with lib DOM); this is the one call we need.
const wasmRuntime = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: WasmExports } }>;
    };
  }
).WebAssembly;

let loaded: Promise<typeof SchemaEngine> | undefined;

/**
 * The engine arms 10-second timers (lock and connection timeouts) and leaves them running when the
 * operation ends early, which kept a finished `migrate` process or test run alive for 10 s. Its
 * timers are unref'd: they still fire while anything else keeps the process alive.
 */
function withUnrefTimers(glue: Glue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(glue)) {
    if (!name.startsWith('__wbg_setTimeout_')) continue;
    imports[name] = (callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms >>> 0);
      timer.unref();
      return timer;
    };
  }
  return imports;
}

export function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import(gluePath)) as Glue;
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await wasmRuntime.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return loaded;
}
