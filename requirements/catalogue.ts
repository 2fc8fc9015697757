import catalogue from './requirements.json';

export interface Requirement {
  id: string;
  area: string;
  statement: string;
  source: string;
  controls: string[];
}

export const REQUIREMENTS: Requirement[] = catalogue.requirements;

const byId = new Map(REQUIREMENTS.map((r) => [r.id, r]));

export function findRequirement(id: string): Requirement | undefined {
  return byId.get(id);
}

/** `@REQ-CO-01` → `CO-01`; other tags → undefined. */
export function requirementIdOfTag(tag: string): string | undefined {
  return /^@REQ-([A-Z]+-\d+)$/.exec(tag)?.[1];
}
