// Builds the card with esbuild.
//   node build.mjs                  the bundle, into custom_components/myflix/frontend/
//   node build.mjs --outfile FILE   the bundle, elsewhere (scripts/card check)
//   node build.mjs --tests DIR      each test/*.test.ts as DIR/*.test.mjs for `node --test`
// The output depends on the sources and the locked esbuild alone: no dates,
// no absolute paths, so the committed bundle can be compared with a fresh one.
import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const cardDir = dirname(fileURLToPath(import.meta.url));
const defaultBundle = resolve(cardDir, "../custom_components/myflix/frontend/myflix-card.js");

function option(name) {
  const index = process.argv.indexOf(name);
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  if (!value) throw new Error(`${name} needs a value`);
  return value;
}

async function buildBundle(outfile) {
  await build({
    absWorkingDir: cardDir,
    entryPoints: ["src/index.ts"],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    // HA's frontend supports the browsers of the last few years.
    target: "es2021",
    minify: true,
    legalComments: "eof",
    charset: "utf8",
    sourcemap: false,
    logLevel: "warning",
  });
}

async function buildTests(outdir) {
  const tests = readdirSync(join(cardDir, "test")).filter((name) => name.endsWith(".test.ts"));
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: cardDir,
    entryPoints: tests.map((name) => `test/${name}`),
    outdir,
    outExtension: { ".js": ".mjs" },
    entryNames: "[name]",
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "warning",
  });
}

const testsDir = option("--tests");
if (testsDir) await buildTests(resolve(testsDir));
else await buildBundle(resolve(option("--outfile") ?? defaultBundle));
