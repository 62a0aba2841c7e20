// Every example `npm run synth` writes, in order.
import { Example } from './example';
import { gatewayDemo } from './gateway-demo/gateway-demo';
import { threeTier } from './three-tier/three-tier';
import { userDemo } from './user-demo/user-demo';

export const EXAMPLES: Example[] = [userDemo, gatewayDemo, threeTier];
