export { Platform, PlatformProps, WelkinPlatformProps, PlatformDnsProps, PlatformMonitoringProps } from './platform';
export { IngressController } from './ingress-controller';
export { GatewayImplementation, EnvoyGatewayProps, PlatformGateway, PlatformGatewayProps, SharedListenerGatewayProps } from './gateway';
