export { Peer, IPeer, CidrPeerOptions } from './peer';
export { Selector } from './selector';
export { ManagedService, ManagedServiceOptions, RabbitmqOptions } from './managed-service';
