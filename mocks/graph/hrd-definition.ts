/**
 * Reading a home realm discovery policy definition strictly. The Graph property is an
 * array of strings, each a JSON document; the one that matters wraps its settings in
 * a `HomeRealmDiscoveryPolicy` object (Graph "homeRealmDiscoveryPolicy resource type").
 * JSON.parse is strict RFC 8259, so a trailing comma is an error with its position.
 */

export type DefinitionProblem =
  | { code: 'HRD_DEFINITION_NOT_JSON'; index: number; detail: string }
  | { code: 'HRD_DEFINITION_MISSING_ROOT'; index: number; detail: string }
  | { code: 'HRD_CLOUD_PASSWORD_VALIDATION_NOT_BOOLEAN'; index: number; detail: string }
  | { code: 'HRD_CLOUD_PASSWORD_VALIDATION_OFF'; index: number; detail: string };

export interface DefinitionReading {
  allowsCloudPasswordValidation: boolean;
  problems: DefinitionProblem[];
}

export function readHrdDefinition(definition: readonly string[]): DefinitionReading {
  const problems: DefinitionProblem[] = [];
  let allows = false;

  definition.forEach((text, index) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      problems.push({
        code: 'HRD_DEFINITION_NOT_JSON',
        index,
        detail: `definition[${index}] is not valid JSON: ${(error as Error).message}`,
      });
      return;
    }
    const root = (parsed as Record<string, unknown> | null)?.HomeRealmDiscoveryPolicy;
    if (typeof root !== 'object' || root === null) {
      problems.push({
        code: 'HRD_DEFINITION_MISSING_ROOT',
        index,
        detail: `definition[${index}] has no HomeRealmDiscoveryPolicy root object, so Entra ID ignores it`,
      });
      return;
    }
    const value = (root as Record<string, unknown>).AllowCloudPasswordValidation;
    if (value === true) {
      allows = true;
    } else if (value !== undefined && typeof value !== 'boolean') {
      problems.push({
        code: 'HRD_CLOUD_PASSWORD_VALIDATION_NOT_BOOLEAN',
        index,
        detail: `definition[${index}]: AllowCloudPasswordValidation must be boolean true, not ${JSON.stringify(value)}`,
      });
    } else {
      problems.push({
        code: 'HRD_CLOUD_PASSWORD_VALIDATION_OFF',
        index,
        detail: `definition[${index}]: AllowCloudPasswordValidation is ${value === undefined ? 'missing' : 'false'}`,
      });
    }
  });

  return { allowsCloudPasswordValidation: allows && problems.length === 0, problems };
}

/** Only text Graph itself cannot store: a definition item that is not JSON at all. */
export function unparseableItems(definition: readonly string[]): DefinitionProblem[] {
  return readHrdDefinition(definition).problems.filter((p) => p.code === 'HRD_DEFINITION_NOT_JSON');
}
