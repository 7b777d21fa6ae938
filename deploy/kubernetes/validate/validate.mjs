// Validates Kubernetes manifests (multi-document YAML on stdin or in files) against the JSON schemas of
// the Kubernetes API (kubernetes-models: the schemas of the API's OpenAPI document, compiled by ajv):
// types, required fields, enums, formats. Offline. Exits 1 and names each error when one is invalid.
//   node validate.mjs FILE...   (or -  for stdin)
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const GROUPS = { v1: "v1", "apps/v1": "apps/v1", "autoscaling/v2": "autoscaling/v2", "policy/v1": "policy/v1",
  "networking.k8s.io/v1": "networking.k8s.io/v1", "batch/v1": "batch/v1", "rbac.authorization.k8s.io/v1": "rbac.authorization.k8s.io/v1" };

let checked = 0;
const errors = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file === "-" ? 0 : file, "utf8");
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) { errors.push(`${file}: YAML: ${doc.errors[0].message}`); continue; }
    const object = doc.toJS();
    if (object == null) continue;
    const where = `${file}: ${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
    const group = GROUPS[object.apiVersion];
    if (!group || !object.kind) { errors.push(`${where}: unknown apiVersion/kind ${object.apiVersion}/${object.kind}`); continue; }
    let Model;
    try {
      Model = (await import(`kubernetes-models/${group}/${object.kind}`))[object.kind];
    } catch {
      errors.push(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
    } catch (e) {
      errors.push(`${where}: ${e.message}`);
    }
  }
}
for (const e of errors) console.error("INVALID " + e);
console.log(`${checked} manifests valid, ${errors.length} invalid`);
process.exit(errors.length ? 1 : 0);
