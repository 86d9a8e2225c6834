// Reads the parts of schema.prisma that decide the database shape: tables, columns, types,
// nullability, keys, indexes and foreign keys, named the way Prisma names them. It understands the
// subset of the schema language this project uses and throws on anything else, so that the
// schema-matches-migrations test can never pass by skipping what it does not understand.
import { readFileSync } from "node:fs";
import path from "node:path";

const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

interface ExpectedColumn {
  name: string;
  type: string;
  nullable: boolean;
}
interface ExpectedIndex {
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
  method: string;
  predicate: string | null;
}

/**
 * A partial index's WHERE as PostgreSQL prints it and as schema.prisma writes it, made comparable
 * (`IN (...)` prints back as `= ANY (ARRAY[...])`).
 */
export const normalizePredicate = (sql: string | null) =>
  sql === null
    ? null
    : sql
        .replace(/\bIN\s*\(([^()]*)\)/gi, "= ANY ARRAY[$1]")
        .replace(/::text|[()"]/g, "")
        .replace(/\s+/g, " ")
        .trim();
interface ExpectedForeignKey {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}
export interface ExpectedTable {
  name: string;
  columns: ExpectedColumn[];
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Float: "double precision",
};

const NATIVE_TYPES: Record<string, (arg?: string) => string> = {
  Uuid: () => "uuid",
  Text: () => "text",
  VarChar: (n) => (n ? `character varying(${n})` : "character varying"),
  Char: (n) => `character(${n ?? 1})`,
  Timestamptz: (p) => `timestamp(${p ?? 6}) with time zone`,
  Timestamp: (p) => `timestamp(${p ?? 6}) without time zone`,
  SmallInt: () => "smallint",
  Integer: () => "integer",
  BigInt: () => "bigint",
};

const IGNORED_FIELD_ATTRIBUTES = new Set(["default", "updatedAt", "relation", "id", "unique", "map"]);

/** Splits on a separator at nesting depth zero (outside brackets and quotes). */
function splitTopLevel(text: string, separator: string | RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && "([".includes(ch)) depth++;
    if (!quoted && ")]".includes(ch)) depth--;
    const isSep = typeof separator === "string" ? ch === separator : separator.test(ch);
    if (isSep && depth === 0 && !quoted) {
      if (current.trim()) parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

interface Attribute {
  name: string;
  args: string[];
}
function parseAttribute(text: string): Attribute {
  const match = /^@@?([\w.]+)(?:\((.*)\))?$/s.exec(text);
  if (!match) throw new Error(`Cannot read attribute: ${text}`);
  return { name: match[1], args: match[2] ? splitTopLevel(match[2], ",") : [] };
}
const named = (attr: Attribute, key: string) =>
  attr.args
    .find((a) => a.startsWith(`${key}:`))
    ?.slice(key.length + 1)
    .trim();
const listOf = (text: string) =>
  text
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((s) => s.trim().replace(/\(.*\)$/, ""))
    .filter(Boolean);
const unquote = (text: string) => text.replace(/^"|"$/g, "");
/** `where: raw("status = 'pending'")` (the partialIndexes preview feature); the object form is not read. */
function predicateOf(attr: Attribute): string | null {
  const where = named(attr, "where");
  if (where === undefined) return null;
  const raw = /^raw\("(.*)"\)$/s.exec(where);
  if (!raw) throw new Error(`Unsupported index predicate ${where}`);
  return normalizePredicate(raw[1].replace(/\\"/g, '"'));
}

export function readPrismaSchema(source = readFileSync(SCHEMA_PATH, "utf8")): ExpectedTable[] {
  const withoutComments = source.replace(/\/\/.*$/gm, "");
  const blocks = [...withoutComments.matchAll(/^(model|enum|view|type)\s+(\w+)\s*\{([^}]*)\}/gm)];
  const unsupported = blocks.find((b) => b[1] !== "model");
  if (unsupported) throw new Error(`Unsupported block "${unsupported[1]} ${unsupported[2]}"`);
  const modelNames = new Set(blocks.map((b) => b[2]));
  const models = blocks.map(([, , name, body]) => ({
    name,
    lines: body
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  }));
  const tableNameOf = new Map<string, string>();
  for (const m of models) {
    const map = m.lines.find((l) => l.startsWith("@@map("));
    tableNameOf.set(m.name, map ? unquote(parseAttribute(map).args[0]) : m.name);
  }

  return models.map((model) => {
    const table = tableNameOf.get(model.name)!;
    const columns: ExpectedColumn[] = [];
    const columnOf = new Map<string, string>();
    const indexes: ExpectedIndex[] = [];
    const foreignKeys: ExpectedForeignKey[] = [];
    const pending: Array<() => void> = [];

    for (const line of model.lines) {
      if (line.startsWith("@@")) {
        pending.push(() => blockAttribute(parseAttribute(line)));
        continue;
      }
      const [fieldName, rawType, ...attrTexts] = splitTopLevel(line, /\s/);
      const attrs = attrTexts.map(parseAttribute);
      const baseType = rawType.replace(/[?[\]]/g, "");
      const list = rawType.endsWith("[]");
      if (list && modelNames.has(baseType)) continue; // back-relation list, no column
      if (modelNames.has(baseType)) {
        const relation = attrs.find((a) => a.name === "relation");
        const fields = relation && named(relation, "fields");
        if (!relation || !fields) continue; // the other side of a one-to-one relation
        pending.push(() =>
          foreignKeys.push({
            name: unquote(
              named(relation, "map") ??
                `"${table}_${listOf(fields)
                  .map((f) => columnOf.get(f))
                  .join("_")}_fkey"`,
            ),
            columns: listOf(fields).map((f) => columnOf.get(f)!),
            referencedTable: tableNameOf.get(baseType)!,
            referencedColumns: listOf(named(relation, "references")!),
          }),
        );
        continue;
      }
      const map = attrs.find((a) => a.name === "map");
      const column = map ? unquote(map.args[0]) : fieldName;
      columnOf.set(fieldName, column);
      const native = attrs.find((a) => a.name.startsWith("db."));
      let type = SCALAR_TYPES[baseType];
      if (native) {
        const make = NATIVE_TYPES[native.name.slice(3)];
        if (!make) throw new Error(`Unsupported native type @${native.name}`);
        type = make(native.args[0]);
      }
      if (!type) throw new Error(`Unsupported type ${rawType} (${model.name}.${fieldName})`);
      for (const a of attrs) {
        if (!a.name.startsWith("db.") && !IGNORED_FIELD_ATTRIBUTES.has(a.name)) throw new Error(`Unsupported attribute @${a.name}`);
      }
      // Prisma makes a scalar list an array column without NOT NULL.
      columns.push(list ? { name: column, type: `${type}[]`, nullable: true } : { name: column, type, nullable: rawType.endsWith("?") });
      if (attrs.some((a) => a.name === "id"))
        indexes.push({ name: `${table}_pkey`, columns: [column], unique: true, primary: true, method: "btree", predicate: null });
      if (attrs.some((a) => a.name === "unique"))
        indexes.push({ name: `${table}_${column}_key`, columns: [column], unique: true, primary: false, method: "btree", predicate: null });
    }

    function blockAttribute(attr: Attribute) {
      const cols = () => listOf(attr.args[0]).map((f) => columnOf.get(f) ?? f);
      const explicit = named(attr, "map") ?? named(attr, "name");
      switch (attr.name) {
        case "map":
          return;
        case "id":
          return indexes.push({ name: unquote(explicit ?? `"${table}_pkey"`), columns: cols(), unique: true, primary: true, method: "btree", predicate: null });
        case "unique":
          return indexes.push({
            name: unquote(explicit ?? `"${table}_${cols().join("_")}_key"`),
            columns: cols(),
            unique: true,
            primary: false,
            method: "btree",
            predicate: predicateOf(attr),
          });
        case "index":
          return indexes.push({
            name: unquote(explicit ?? `"${table}_${cols().join("_")}_idx"`),
            columns: cols(),
            unique: false,
            primary: false,
            method: (named(attr, "type") ?? "BTree").toLowerCase(),
            predicate: predicateOf(attr),
          });
        default:
          throw new Error(`Unsupported block attribute @@${attr.name}`);
      }
    }
    pending.forEach((fn) => fn());
    return { name: table, columns, indexes, foreignKeys };
  });
}
