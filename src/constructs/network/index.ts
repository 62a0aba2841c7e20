export { Peer, IPeer, CidrPeerOptions } from './peer';
export { ManagedService, ManagedServiceOptions, RabbitmqOptions } from './managed-service';
