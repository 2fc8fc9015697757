/**
 * Why face recognition is not offered (DESIGN section 3), each with the message the
 * Locker page shows. The vendor's exact wording is not public: these texts are ours.
 */
export const FACE_UNAVAILABLE_REASONS = {
  eam_version_unsupported:
    'Face recognition needs Enterprise Access Management 25.2 or later. Use another sign-in method.',
  cloud_connect_down:
    'Face recognition is unavailable: Cloud Connect is not running or the integration is not verified. Use another sign-in method.',
  license_missing:
    'Face recognition is not licensed for this organisation. Use another sign-in method.',
  policy_disallows_face:
    'Your sign-in policy does not allow face recognition here. Use another sign-in method.',
  badge_not_allowed:
    "This Launchpad's computer policy does not allow badge sign-in. Use another sign-in method.",
  user_not_synced:
    'Your account is not set up for face recognition (not synced to the cloud directory). Use another sign-in method.',
  locker_version_unsupported:
    'This version of Locker does not support face recognition. Use another sign-in method.',
  camera_denied:
    'Locker needs camera access for face recognition. Allow the camera in Settings, or use another sign-in method.',
  cloud_unreachable:
    'Cannot connect to the cloud service for face recognition. Use another sign-in method.',
  not_enrolled: 'You have not enrolled your face yet. Use another sign-in method.',
  consent_declined:
    'Face enrolment needs your consent. Nothing was uploaded. Use another sign-in method.',
  // Not a set-up condition: too many failed attempts (CO-13). Our wording, like the rest.
  face_suspended:
    'Face recognition is paused after too many failed attempts. Use another sign-in method.',
} as const;

export type FaceUnavailableReason = keyof typeof FACE_UNAVAILABLE_REASONS;

/** What the Locker page asks before a first face enrolment (CO-12). Our wording. */
export const CONSENT_TEXT =
  'To use face recognition, Locker takes one picture of your face and sends it to the cloud platform, which keeps a template of it, not the picture. Do you agree?';

/** Reasons only the device can know; the page reports them to MAM. */
export const DEVICE_REASONS: FaceUnavailableReason[] = ['camera_denied', 'cloud_unreachable'];

/** Messages for a face that was captured but not accepted. */
export const FACE_RESULT_MESSAGES = {
  match: 'Face recognised.',
  no_match: 'Face not recognised. Try again or use another sign-in method.',
  no_face: 'No face found in the picture. Hold the phone in front of your face and try again.',
  not_live:
    'The picture does not look like a live face. Hold the phone in front of your own face and try again.',
} as const;

/** What the cloud decided of a captured face. */
export type FaceResult = keyof typeof FACE_RESULT_MESSAGES;

export function isFaceUnavailableReason(value: unknown): value is FaceUnavailableReason {
  return typeof value === 'string' && value in FACE_UNAVAILABLE_REASONS;
}
