export { Peer, IPeer } from './peer';
export { ManagedService, ManagedServiceOptions, RabbitmqOptions } from './managed-service';
