import type { CloudSlice } from '../../fixtures/tenant';
import type { FaceTemplate } from './face-match';
import type { CloudConnectionState } from './integration';
import type { PortalState } from './portal';

export interface DirectoryRecord {
  userPrincipalName: string;
  entraId: string;
  synced: boolean;
  /** Why the user is not synced, in words an administrator acts on. */
  detail?: string;
}

export interface Enrolment {
  template: FaceTemplate;
  enrolledAt: string;
}

export interface VerificationTicket {
  id: string;
  userPrincipalName: string;
  expiresAt: number;
}

export type VerificationResult = 'match' | 'no_match' | 'no_face' | 'not_live';

export interface Verification {
  id: string;
  ticketId: string;
  userPrincipalName: string;
  result: VerificationResult;
  score: number;
  time: string;
  /** Failures left before suspension, after this attempt. */
  attemptsLeft: number;
  /** Set when this attempt reached the limit and face is suspended for the user. */
  suspendedUntil?: string;
}

/** CO-13: a user's run of failed face attempts and any suspension it caused. */
export interface FailureRecord {
  consecutive: number;
  suspendedUntil: number;
}

export interface CloudState {
  tenantId: string;
  integrationToken: string;
  agreements: CloudSlice['agreements'];
  connection: CloudConnectionState;
  portal: PortalState;
  graph: CloudSlice['graph'];
  directoryConfig: CloudSlice['directory'];
  matchThreshold: number;
  failureLimit: number;
  suspensionSeconds: number;
  failures: Map<string, FailureRecord>;
  minFaceContrast: number;
  minLiveContrast: number;
  /** Lifetime of a verification ticket; an assumption, the vendor's is not public. */
  ticketLifetimeMs: number;
  directory: Map<string, DirectoryRecord>;
  lastSync?: { time: string; synced: number; notSynced: number; error?: string };
  enrolments: Map<string, Enrolment>;
  tickets: Map<string, VerificationTicket>;
  verifications: Map<string, Verification>;
}

export function upnKey(userPrincipalName: string): string {
  return userPrincipalName.toLowerCase();
}
