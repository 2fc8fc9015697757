/**
 * Faults the platform can plant in its own simulators, so the harness can prove that
 * its scenarios catch a broken product (a mutation test). Off unless asked for, by
 * the control API or HARNESS_PLANTED_FAULTS (comma-separated names).
 */
export const PLANTED_FAULTS = {
  'locker-ignores-camera-denial':
    'The Locker page carries on to face capture after the camera was denied, sending an empty frame',
  'cloud-accepts-any-face': 'The cloud platform reports a match for any face in the frame',
  'cloud-skips-liveness':
    'The cloud platform matches a face without checking that it is live (a printed photo passes)',
  'locker-hides-cloud-error':
    'The Locker page shows a generic error and no other method when the cloud cannot be reached',
  'mam-offers-no-fallback':
    "MAM offers none of the policy's other methods when face recognition is unavailable",
} as const;

export type PlantedFault = keyof typeof PLANTED_FAULTS;

export function parsePlantedFaults(list: string | undefined): Set<PlantedFault> {
  const names = (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(n in PLANTED_FAULTS));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown planted fault(s): ${unknown.join(', ')}; known: ${Object.keys(PLANTED_FAULTS).join(', ')}`,
    );
  }
  return new Set(names as PlantedFault[]);
}
