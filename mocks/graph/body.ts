import { graphError } from './errors';

type Kind = 'string' | 'boolean' | 'string[]' | 'object' | 'array';

export interface BodyRules {
  typeName: string;
  /** The `@odata.type` values the entity set accepts; required when `odataTypeRequired`. */
  odataTypes?: string[];
  odataTypeRequired?: boolean;
  properties: Record<string, Kind>;
  required?: string[];
}

function kindOf(value: unknown): Kind | 'other' {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'string[]' : 'array';
  if (typeof value === 'object' && value !== null) return 'object';
  return 'other';
}

/**
 * Checks a create or update body the way Graph's OData layer does: a JSON object,
 * a known `@odata.type`, only properties of the type, each of the right kind.
 */
export function checkBody(
  body: unknown,
  rules: BodyRules,
  partial = false,
): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw graphError.invalidBody(`Expected a JSON object for a ${rules.typeName}.`);
  }
  const fields = body as Record<string, unknown>;
  const type = fields['@odata.type'];
  if (type === undefined && rules.odataTypeRequired) {
    throw graphError.invalidBody(
      `The @odata.type property is required for a ${rules.typeName}; use one of ${rules.odataTypes?.join(', ')}.`,
    );
  }
  if (type !== undefined && !rules.odataTypes?.includes(String(type))) {
    throw graphError.invalidBody(
      `A type named '${String(type).replace(/^#/, '')}' could not be resolved as a ${rules.typeName}.`,
    );
  }

  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('@odata.')) continue;
    const expected = rules.properties[name];
    if (!expected)
      throw graphError.invalidBody(
        `Property '${name}' does not exist on type 'microsoft.graph.${rules.typeName}'.`,
      );
    const actual = kindOf(value);
    const fits = actual === expected || (expected === 'array' && actual === 'string[]');
    if (!fits && value !== null)
      throw graphError.invalidBody(
        `Property '${name}' of a ${rules.typeName} must be ${expected}; got ${JSON.stringify(value)}.`,
      );
  }
  if (!partial) {
    const missing = (rules.required ?? []).filter(
      (name) => fields[name] === undefined || fields[name] === null,
    );
    if (missing.length > 0)
      throw graphError.invalidBody(
        `Missing required propert${missing.length > 1 ? 'ies' : 'y'} ${missing.map((m) => `'${m}'`).join(', ')} on a ${rules.typeName}.`,
      );
  }
  return fields;
}
