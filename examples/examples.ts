// Every example `npm run synth` writes, in order.
import { Example } from './example';
import { threeTier } from './three-tier/three-tier';
import { userDemo } from './user-demo/user-demo';
import { workloads } from './workloads/workloads';

export const EXAMPLES: Example[] = [userDemo, threeTier, workloads];
