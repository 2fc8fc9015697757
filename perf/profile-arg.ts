import { readFileSync } from 'node:fs';

import {
  checkLatencyProfile,
  LatencyProfileError,
  type LatencyProfile,
} from '../mocks/platform/latency-profile';

/**
 * The --profile argument: a JSON file (anything ending in .json), or the compact form
 *   none | fixed:ms=50 | normal:meanMs=40,sdMs=10 | lognormal:medianMs=30,sigma=0.5
 * with optional errorRate=0.01, seed=7 and outage=<startMs>+<durationMs>.
 * Both end in checkLatencyProfile, so both refuse the same impossible parameters.
 */
export const PROFILE_EXAMPLES =
  'none, fixed:ms=50, normal:meanMs=40,sdMs=10, lognormal:medianMs=30,sigma=0.5,errorRate=0.01,seed=7,outage=2000+1000, or a .json file';

export function parseProfileArg(arg: string): LatencyProfile {
  try {
    return checkLatencyProfile(arg.endsWith('.json') ? readProfileFile(arg) : parseCompact(arg));
  } catch (error) {
    if (!(error instanceof LatencyProfileError)) throw error;
    throw new LatencyProfileError(
      `Bad --profile "${arg}": ${error.message}. Examples: ${PROFILE_EXAMPLES}`,
    );
  }
}

function readProfileFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LatencyProfileError(`cannot read the profile file: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LatencyProfileError(
      `the profile file is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function parseCompact(arg: string): Record<string, unknown> {
  const [distribution, fields = ''] = arg.split(/:(.*)/s, 2) as [string, string?];
  const profile: Record<string, unknown> = { distribution };
  for (const field of fields.split(',').filter(Boolean)) {
    const [key, value] = field.split('=', 2) as [string, string?];
    if (!key || value === undefined) {
      throw new LatencyProfileError(`"${field}" is not key=value`);
    }
    profile[key] = key === 'outage' ? parseOutage(value) : parseNumber(key, value);
  }
  return profile;
}

function parseOutage(value: string): { startMs: number; durationMs: number } {
  const match = /^(\d+(?:\.\d+)?)\+(\d+(?:\.\d+)?)$/.exec(value);
  if (!match) {
    throw new LatencyProfileError(
      `outage must be <startMs>+<durationMs>, such as outage=2000+1000; got "${value}"`,
    );
  }
  return { startMs: Number(match[1]), durationMs: Number(match[2]) };
}

function parseNumber(key: string, value: string): number | string {
  const number = Number(value);
  // Left as text when not a number, so the profile check names the field and the value.
  return value.trim() !== '' && Number.isFinite(number) ? number : value;
}
