/**
 * What a readiness check reports: a stable code for machines, a message that says
 * what is wrong and what to do, and the evidence read (ids and values), so an
 * auditor can see why without rerunning anything.
 */
export type Severity = 'error' | 'warning' | 'attestation';

export interface Finding {
  code: string;
  requirement: string;
  severity: Severity;
  message: string;
  evidence: Record<string, unknown>;
}

export function finding(
  requirement: string,
  code: string,
  severity: Severity,
  message: string,
  evidence: Record<string, unknown> = {},
): Finding {
  return { code, requirement, severity, message, evidence };
}

/** Errors make a tenant non-compliant; warnings and attestations do not, but are reported. */
export function isBlocking(f: Finding): boolean {
  return f.severity === 'error';
}
