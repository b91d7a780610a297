// Prints the folder-to-folder import graph of src/ and a few size figures, for reviews of the layout.
// Usage: node scripts/import-graph.mjs [srcDir]   (default: ./src; src/generated is left out, imports of it are counted)
// A folder is the first path segment under src/ ("store/"); a module at the root of src/ is its own node ("main.ts").
// slack/ and flows/ get a second, finer graph. Every relative import counts: static, type-only, export-from, and
// import('...') with a literal specifier.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const srcDir = resolve(process.argv[2] ?? 'src');
const SKIPPED = new Set(['generated']);
const WIDE = [160, 130];
const FINER = ['slack', 'flows'];

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dir === srcDir && SKIPPED.has(name) ? [] : sourceFiles(path);
    return /\.(ts|mts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative specifiers a file imports, with whether the import is type-only. */
function importsOf(path, text) {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && named.length > 0 && named.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.filter((i) => i.specifier.startsWith('.'));
}

/** The node of a path under src/: "store/", "main.ts"; with `finer`, also "slack/listeners/kit/", "slack/outbox.ts", "flows/matching/". */
function nodeOf(relPath, finer) {
  const parts = relPath.split(sep);
  if (parts.length === 1) return parts[0];
  if (finer && FINER.includes(parts[0])) {
    // slack/listeners/ is split once more: its feature folders and the kit are what the finer graph is for
    const depth = parts[0] === 'slack' && parts[1] === 'listeners' ? 3 : 2;
    const head = parts.slice(0, depth).join('/');
    return parts.length > depth ? `${head}/` : head;
  }
  return `${parts[0]}/`;
}

function graph(imports, finer) {
  const edges = new Map();
  for (const { from, to, typeOnly } of imports) {
    const a = nodeOf(from, finer);
    const b = nodeOf(to, finer);
    if (a === b) continue;
    if (finer && !FINER.some((f) => a.startsWith(`${f}/`) || b.startsWith(`${f}/`))) continue;
    const key = `${a} -> ${b}`;
    const edge = edges.get(key) ?? { a, b, count: 0, typeOnly: 0 };
    edge.count += 1;
    if (typeOnly) edge.typeOnly += 1;
    edges.set(key, edge);
  }
  return [...edges.values()].sort((x, y) => x.a.localeCompare(y.a) || y.count - x.count || x.b.localeCompare(y.b));
}

function printGraph(title, edges) {
  console.log(`\n## ${title} (imports, of which type-only)`);
  let from = '';
  for (const e of edges) {
    if (e.a !== from) console.log((from = e.a));
    console.log(`  -> ${e.b.padEnd(32)} ${String(e.count).padStart(4)}${e.typeOnly ? `  (${e.typeOnly} type-only)` : ''}`);
  }
  const keys = new Set(edges.map((e) => `${e.a} -> ${e.b}`));
  const twoWay = edges.filter((e) => e.a < e.b && keys.has(`${e.b} -> ${e.a}`));
  const count = (a, b) => edges.find((e) => e.a === a && e.b === b).count;
  console.log(`\n${title}: ${edges.length} edges, ${twoWay.length} two-way pairs`);
  for (const e of twoWay) console.log(`  ${e.a} <-> ${e.b}   (${count(e.a, e.b)} / ${count(e.b, e.a)})`);
}

const files = sourceFiles(srcDir).sort();
const imports = [];
const sizes = [];
const wide = Object.fromEntries(WIDE.map((w) => [w, 0]));
for (const path of files) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const rel = relative(srcDir, path);
  sizes.push({ rel, lines: lines.length });
  for (const line of lines) for (const w of WIDE) if (line.length > w) wide[w] += 1;
  for (const { specifier, typeOnly } of importsOf(path, text)) {
    const target = relative(srcDir, resolve(dirname(path), specifier));
    if (target.startsWith('..')) continue;
    imports.push({ from: rel, to: target.replace(/\.js$/, '.ts'), typeOnly });
  }
}

console.log(`# Import graph of ${srcDir}${SKIPPED.size ? ` (without ${[...SKIPPED].join(', ')}/)` : ''}`);
const totalLines = sizes.reduce((s, f) => s + f.lines, 0);
console.log(
  `\n${files.length} files, ${totalLines} lines; lines wider than ${WIDE.map((w) => `${w}: ${wide[w]}`).join(', wider than ')}`,
);

console.log('\n## Files and lines per folder');
const perNode = new Map();
for (const f of sizes) {
  const n = nodeOf(f.rel, false);
  const agg = perNode.get(n) ?? { files: 0, lines: 0 };
  agg.files += 1;
  agg.lines += f.lines;
  perNode.set(n, agg);
}
for (const [n, agg] of [...perNode].sort((x, y) => y[1].lines - x[1].lines)) {
  console.log(`  ${n.padEnd(16)} ${String(agg.files).padStart(4)} files ${String(agg.lines).padStart(7)} lines`);
}

console.log('\n## Largest files (lines)');
for (const f of [...sizes].sort((x, y) => y.lines - x.lines).slice(0, 10))
  console.log(`  ${String(f.lines).padStart(5)}  ${f.rel}`);

printGraph('Folder graph', graph(imports, false));
printGraph(`Finer graph around ${FINER.join('/ and ')}/`, graph(imports, true));
