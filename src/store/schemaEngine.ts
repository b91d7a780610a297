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
const wasmRuntime = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: WasmExports } }> };
}).WebAssembly;

let loaded: Promise<typeof SchemaEngine> | undefined;

export function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import(gluePath)) as Glue;
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await wasmRuntime.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return loaded;
}
