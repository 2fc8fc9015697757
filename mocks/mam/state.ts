import type { Device, MamSlice, SecondFactor, PrimaryMethod } from '../../fixtures/tenant';
import type { FaceUnavailableReason } from './reasons';

export type DeviceStatus = 'docked' | 'reserved' | 'checked_out';

export interface ManagedDevice extends Device {
  status: DeviceStatus;
  sessionId?: string;
  checkedOutTo?: string;
  checkedOutWith?: string;
}

export type SessionStatus =
  | 'awaiting_consent'
  | 'awaiting_face'
  | 'awaiting_fallback'
  | 'awaiting_second_factor'
  | 'checked_out'
  | 'checked_in'
  | 'cancelled';

export interface CheckoutSession {
  id: string;
  correlationId: string;
  launchpadId: string;
  deviceId: string;
  eamUserId: string;
  userPrincipalName: string;
  displayName: string;
  primaryMethods: PrimaryMethod[];
  secondFactor: SecondFactor;
  gracePeriodMinutes: number;
  /** Set when the second factor was waived by a grace period still running. */
  secondFactorWaived?: boolean;
  face: { offered: boolean; reason?: FaceUnavailableReason; detail?: string; ticket?: string };
  status: SessionStatus;
  /** Primary factor that succeeded, once one has. */
  primary?: PrimaryMethod;
  faceAttempts: number;
  startedAt: string;
}

export type AuditEvent =
  | 'badge_tap'
  | 'enrolment'
  | 'face_unavailable'
  | 'face_attempt'
  | 'fallback_attempt'
  | 'second_factor'
  | 'checked_out'
  | 'checked_in'
  | 'cancelled';

/** CO-14: who, which device and Launchpad, which factors, the result, why, and when. */
export interface AuditEntry {
  seq: number;
  time: string;
  correlationId: string;
  sessionId?: string;
  event: AuditEvent;
  userPrincipalName?: string;
  deviceId?: string;
  launchpadId: string;
  factors: string[];
  result: 'success' | 'failure' | 'unavailable';
  reason?: string;
  detail?: string;
  score?: number;
}

export interface MamState {
  launchpads: Map<string, { id: string; name: string }>;
  devices: Map<string, ManagedDevice>;
  sessions: Map<string, CheckoutSession>;
  audit: AuditEntry[];
  /** CO-07: user → time (ms) until which a repeat of the second factor is waived. */
  secondFactorGrace: Map<string, number>;
}

export function createMamState(slice: MamSlice): MamState {
  return {
    launchpads: new Map(slice.launchpads.map((l) => [l.id, { ...l }])),
    devices: new Map(slice.devices.map((d) => [d.id, { ...d, status: 'docked' as const }])),
    sessions: new Map(),
    audit: [],
    secondFactorGrace: new Map(),
  };
}
