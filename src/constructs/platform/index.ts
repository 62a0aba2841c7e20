export { DeploymentEnvironment, Platform, PlatformProps, PlatformServicesProps, WelkinPlatformProps, PlatformDnsProps, PlatformMonitoringProps } from './platform';
export { IngressController } from './ingress-controller';
export { ClusterDnsIp } from './cluster-dns';
export { GatewayImplementation, EnvoyGatewayProps, PlatformGateway, PlatformGatewayProps, SharedListenerGatewayProps } from './gateway';
