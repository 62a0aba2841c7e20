import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HttpPathType } from './ingress-path';
import { standardLabels } from '../../kube/labels';
import { SecureApp } from '../app/secure-app';
import { ResolvedIssuer } from '../cert-manager/cert-issuer';
import { Platform } from '../platform/platform';

/** One backend path, already validated. */
export interface BackendPath {
  readonly path: string;
  readonly pathType: HttpPathType;
  readonly app: SecureApp;
}

/** What an Ingress needs, already validated. */
export interface IngressSpec {
  readonly name: string;
  readonly namespace: string;
  readonly host: string;
  readonly secretName: string;
  readonly platform: Platform;
  /** The issuer to annotate with; undefined when another Ingress of the host already requests the certificate. */
  readonly issuer?: ResolvedIssuer;
  readonly paths: BackendPath[];
  readonly sourceRanges?: string[];
  readonly extraAnnotations?: { [key: string]: string };
  readonly component: string;
  readonly partOf: string;
}

/**
 * Emit an Ingress whose rule host and `tls.hosts` come from the same value, and admit the ingress
 * controller to every backend app on its container port (on the app's own policy).
 */
export function buildIngress(scope: Construct, id: string, spec: IngressSpec): ApiObject {
  const annotations: { [key: string]: string } = {};
  if (spec.issuer) {
    annotations[spec.issuer.kind === 'ClusterIssuer' ? 'cert-manager.io/cluster-issuer' : 'cert-manager.io/issuer'] = spec.issuer.name;
  }
  if (spec.sourceRanges) {
    annotations['nginx.ingress.kubernetes.io/whitelist-source-range'] = spec.sourceRanges.join(',');
  }
  Object.assign(annotations, spec.extraAnnotations ?? {});

  const ingress = new k8s.KubeIngress(scope, id, {
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: standardLabels({ name: spec.name, component: spec.component, partOf: spec.partOf }),
      annotations: Object.keys(annotations).length ? annotations : undefined,
    },
    spec: {
      ingressClassName: spec.platform.ingressClassName,
      tls: [{ hosts: [spec.host], secretName: spec.secretName }],
      rules: [{
        host: spec.host,
        http: {
          paths: spec.paths.map(p => ({
            path: p.path,
            pathType: p.pathType,
            backend: { service: { name: p.app.name, port: { number: p.app._httpBackend(scope).servicePort } } },
          })),
        },
      }],
    },
  });

  const controller = spec.platform.ingressController.toPeer();
  for (const app of new Set(spec.paths.map(p => p.app))) {
    app._addIngressRule(controller, [app._httpBackend(scope).port]);
    // The backend's objects come first, so the Ingress never points at nothing (R5 at apply time).
    ingress.node.addDependency(app);
  }
  return ingress;
}

/** The zone-file CNAME record for `host`. */
export function cnameRecord(host: string, ttl: number, target: string): string {
  return `${host}. ${ttl} CNAME ${target}.`;
}
