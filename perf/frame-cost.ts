import { analyseFrame, matchFrame, readFrame } from '../mocks/cloud/face-match';
import { round } from './results';

/**
 * What decoding and comparing one frame costs on this machine, timed in this process
 * with the cloud's own code, so the report can say how much of a verification's CPU
 * time is the image work and how much is HTTP and the framework around it. The median
 * of a few batches, since one batch can catch a garbage collection.
 */
export function measureFrameCostUs(frame: Buffer, batches = 5, perBatch = 1000): number {
  const template = analyseFrame(readFrame(frame)).template;
  const verify = () => matchFrame(readFrame(frame), template);
  for (let i = 0; i < 200; i++) verify();

  const costs = Array.from({ length: batches }, () => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) verify();
    return Number(process.hrtime.bigint() - started) / 1000 / perBatch;
  });
  return round(costs.sort((a, b) => a - b)[Math.floor(batches / 2)]!, 1);
}
