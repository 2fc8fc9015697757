import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import document from './graph-v1.0-entities.schema.json';

type Schema = Record<string, any>;

/**
 * The extract references a few types it does not define (Edm primitives such as
 * TimeOfDay, and types outside the extract's scope). They are left open, so only the
 * types the simulator serves are checked in depth.
 */
function withMissingTypes(defs: Record<string, Schema>): Record<string, Schema> {
  const refs = JSON.stringify(defs).match(/#\/definitions\/[A-Za-z0-9_.]+/g) ?? [];
  const missing = [...new Set(refs.map((r) => r.split('/').pop()!))].filter((name) => !defs[name]);
  return { ...defs, ...Object.fromEntries(missing.map((name) => [name, { 'x-open': true }])) };
}

const definitions = withMissingTypes((document as Schema).definitions as Record<string, Schema>);

/** CSDL properties are nullable unless marked Nullable=false: let null through there. */
function allowNulls(schema: Schema): Schema {
  if (Array.isArray(schema)) return schema.map(allowNulls);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as Schema).map(([name, prop]) => [
              name,
              (prop as Schema)['x-nullable'] === false
                ? allowNulls(prop as Schema)
                : { anyOf: [allowNulls(prop as Schema), { type: 'null' }] },
            ]),
          )
        : allowNulls(value as Schema);
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'graph', definitions: allowNulls(definitions) });

const validators = new Map<string, ValidateFunction>();

function validatorFor(typeName: string): ValidateFunction {
  let validate = validators.get(typeName);
  if (!validate) {
    if (!definitions[typeName]) throw new Error(`No Graph type ${typeName} in the schema file`);
    validate = ajv.compile({ $ref: `graph#/definitions/${typeName}` });
    validators.set(typeName, validate);
  }
  return validate;
}

/** Own and inherited properties of a type, navigation properties included, with their schemas. */
function propertiesOf(typeName: string): Record<string, Schema> | undefined {
  const definition = definitions[typeName];
  if (!definition || definition['x-open']) return undefined;
  const inherited = (definition.allOf ?? []).flatMap((part: Schema) =>
    part.$ref ? [propertiesOf(String(part.$ref).split('/').pop()!) ?? {}] : [],
  );
  const navigation = Object.fromEntries(
    Object.keys(definition['x-navigationProperties'] ?? {}).map((name) => [name, {}]),
  );
  return Object.assign({}, ...inherited, navigation, definition.properties ?? {});
}

function refName(schema: Schema | undefined): string | undefined {
  const ref = schema?.$ref ?? schema?.items?.$ref;
  return ref ? String(ref).split('/').pop() : undefined;
}

/** Properties the metadata does not know, at any depth, naming their path. */
function unknownProperties(typeName: string, value: unknown, path: string): string[] {
  if (Array.isArray(value))
    return value.flatMap((v, i) => unknownProperties(typeName, v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const odataType = (value as Schema)['@odata.type'];
  const actualType =
    typeof odataType === 'string' ? odataType.replace('#microsoft.graph.', '') : typeName;
  const known = propertiesOf(actualType);
  if (!known) return [];
  return Object.entries(value as Schema).flatMap(([name, child]) => {
    if (name.startsWith('@odata.')) return [];
    if (!(name in known))
      return [`${path}.${name} is not a property of microsoft.graph.${actualType}`];
    const nested = refName(known[name]);
    return nested ? unknownProperties(nested, child, `${path}.${name}`) : [];
  });
}

/** Problems with one entity as Graph's metadata defines the type; empty when it fits. */
export function checkGraphEntity(typeName: string, entity: unknown): string[] {
  const odataType = (entity as Schema | null)?.['@odata.type'];
  const actualType =
    typeof odataType === 'string' ? odataType.replace('#microsoft.graph.', '') : typeName;
  const validate = validatorFor(actualType);
  const problems = validate(entity)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  return [...problems, ...unknownProperties(actualType, entity, actualType)];
}
