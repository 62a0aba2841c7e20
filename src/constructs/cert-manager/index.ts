export { CertIssuer } from './cert-issuer';
export { TlsCertificate, TlsCertificateProps } from './tls-certificate';
