import ipaddr from 'ipaddr.js';

import { VENDOR_EGRESS_IPS } from '../../fixtures/entra';
import { finding, type Finding } from '../finding';
import type { EntraSnapshot } from './snapshot';

const REQ = 'ENTRA-01';
/** Assumption: a trusted IPv4 range wider than a /24 (or IPv6 /48) is "broad". */
const BROADEST_IPV4_PREFIX = 24;
const BROADEST_IPV6_PREFIX = 48;

function covers(cidr: string, address: string): boolean {
  try {
    const [net, bits] = ipaddr.parseCIDR(cidr);
    const ip = ipaddr.parse(address);
    return ip.kind() === net.kind() && ip.match(net, bits);
  } catch {
    return false;
  }
}

/**
 * ENTRA-01: one trusted IP named location holds the vendor's three addresses, each as a
 * /32. A missing address is named; a broad trusted range is its own finding (it trusts
 * far more than the vendor); other ranges in that location are a warning.
 */
export function checkNamedLocations(snapshot: EntraSnapshot): Finding[] {
  const ipLocations = snapshot.namedLocations.filter(
    (l) => l['@odata.type'] === '#microsoft.graph.ipNamedLocation',
  );
  const findings: Finding[] = [];

  for (const location of ipLocations.filter((l) => l.isTrusted)) {
    for (const range of location.ipRanges ?? []) {
      const [net, bits] = ipaddr.parseCIDR(range.cidrAddress);
      const broadest = net.kind() === 'ipv4' ? BROADEST_IPV4_PREFIX : BROADEST_IPV6_PREFIX;
      if (bits < broadest) {
        findings.push(
          finding(
            REQ,
            'NL_BROAD_TRUSTED_RANGE',
            'error',
            `Trusted named location "${location.displayName}" trusts ${range.cidrAddress}, a range broader than /${broadest}. Trust only the vendor's addresses as /32 ranges.`,
            { locationId: location.id, cidrAddress: range.cidrAddress },
          ),
        );
      }
    }
  }

  const exact = (l: (typeof ipLocations)[number], ip: string) =>
    (l.ipRanges ?? []).some((r) => r.cidrAddress === `${ip}/32`);
  const candidates = ipLocations.filter((l) =>
    VENDOR_EGRESS_IPS.some((ip) => (l.ipRanges ?? []).some((r) => covers(r.cidrAddress, ip))),
  );
  const best = [...candidates].sort(
    (a, b) =>
      VENDOR_EGRESS_IPS.filter((ip) => exact(b, ip)).length -
      VENDOR_EGRESS_IPS.filter((ip) => exact(a, ip)).length,
  )[0];
  if (!best) {
    return [
      ...findings,
      finding(
        REQ,
        'NL_TRUSTED_LOCATION_MISSING',
        'error',
        `No IP named location holds the vendor's addresses. Create a trusted IP ranges location with ${VENDOR_EGRESS_IPS.map((ip) => `${ip}/32`).join(', ')}.`,
        { ipNamedLocations: ipLocations.map((l) => ({ id: l.id, displayName: l.displayName })) },
      ),
    ];
  }

  const evidence = {
    locationId: best.id,
    displayName: best.displayName,
    isTrusted: best.isTrusted ?? false,
    ipRanges: (best.ipRanges ?? []).map((r) => r.cidrAddress),
  };
  if (!best.isTrusted) {
    findings.push(
      finding(
        REQ,
        'NL_LOCATION_NOT_TRUSTED',
        'error',
        `Named location "${best.displayName}" holds the vendor's addresses but is not marked as trusted. Select "Mark as trusted location".`,
        evidence,
      ),
    );
  }
  for (const ip of VENDOR_EGRESS_IPS) {
    if (exact(best, ip)) continue;
    const wider = (best.ipRanges ?? []).find((r) => covers(r.cidrAddress, ip));
    findings.push(
      wider
        ? finding(
            REQ,
            'NL_VENDOR_RANGE_NOT_HOST',
            'error',
            `Named location "${best.displayName}" covers ${ip} only through ${wider.cidrAddress}; add it as ${ip}/32.`,
            { ...evidence, address: ip },
          )
        : finding(
            REQ,
            'NL_VENDOR_RANGE_MISSING',
            'error',
            `Named location "${best.displayName}" is missing the vendor address ${ip}/32. Add it.`,
            { ...evidence, address: ip },
          ),
    );
  }
  const extras = (best.ipRanges ?? []).filter(
    (r) => !VENDOR_EGRESS_IPS.some((ip) => r.cidrAddress === `${ip}/32`),
  );
  if (extras.length > 0) {
    findings.push(
      finding(
        REQ,
        'NL_EXTRA_RANGES',
        'warning',
        `Named location "${best.displayName}" also holds ${extras.map((r) => r.cidrAddress).join(', ')}; keep the vendor's location to the vendor's addresses.`,
        { ...evidence, extras: extras.map((r) => r.cidrAddress) },
      ),
    );
  }
  return findings;
}

/**
 * ENTRA-02: with per-user MFA on for any user in scope, the vendor addresses must be
 * MFA trusted IPs. Graph exposes no such list (DOMAIN.md 1.5), so the check needs an
 * administrator's attestation of it, and says so rather than passing silently.
 */
export function checkMfaTrustedIps(
  snapshot: EntraSnapshot,
  attestedTrustedIps: string[] | undefined,
): Finding[] {
  const REQ2 = 'ENTRA-02';
  if (snapshot.perUserMfa === null) {
    return [
      finding(
        REQ2,
        'MFA_STATE_UNREADABLE',
        'attestation',
        'Per-user MFA states could not be read (beta API). Attest whether per-user MFA is on for users in scope and, if so, the MFA trusted IPs.',
        {},
      ),
    ];
  }
  const onUsers = snapshot.scopedUsers.filter(
    (u) => (snapshot.perUserMfa![u.id] ?? 'disabled') !== 'disabled',
  );
  if (onUsers.length === 0) return [];
  const evidence = {
    perUserMfaUsers: onUsers.map((u) => ({
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      state: snapshot.perUserMfa![u.id],
    })),
  };
  if (!attestedTrustedIps) {
    return [
      finding(
        REQ2,
        'MFA_TRUSTED_IPS_ATTESTATION_REQUIRED',
        'attestation',
        `${onUsers.length} user(s) in scope have per-user MFA on. Graph cannot read the MFA trusted IPs: an administrator must attest that ${VENDOR_EGRESS_IPS.map((ip) => `${ip}/32`).join(', ')} are listed under "Skip multifactor authentication for requests from following range of IP address subnets".`,
        evidence,
      ),
    ];
  }
  const missing = VENDOR_EGRESS_IPS.filter(
    (ip) => !attestedTrustedIps.some((cidr) => covers(cidr, ip)),
  );
  return missing.length === 0
    ? []
    : [
        finding(
          REQ2,
          'MFA_TRUSTED_IPS_MISSING',
          'error',
          `Per-user MFA is on for ${onUsers.length} user(s) in scope, and the attested MFA trusted IPs lack ${missing.join(', ')}. Add them in the per-user MFA service settings.`,
          { ...evidence, attestedTrustedIps, missing },
        ),
      ];
}
