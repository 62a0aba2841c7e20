/**
 * HNC (the hierarchical namespace controller): which namespace is a child of which, read from the
 * input, and the NetworkPolicies HNC copies from each namespace into all its descendants.
 *
 * The hierarchy comes from `SubnamespaceAnchor` objects (`hnc.x-k8s.io`, named after the child, in
 * the parent), `HierarchyConfiguration` objects (`spec.parent`), and Namespaces' HNC metadata: the
 * `<ancestor>.tree.hnc.x-k8s.io/depth` labels and the `hnc.x-k8s.io/subnamespace-of` annotation.
 * HNC propagates a NetworkPolicy unless it is annotated `propagate.hnc.x-k8s.io/none: "true"`, and
 * only to the descendants whose labels match `propagate.hnc.x-k8s.io/select` (a label selector as
 * text) and `propagate.hnc.x-k8s.io/treeSelect` (namespaces whose subtrees to include, `!ns` to
 * exclude, matched on HNC's tree labels); a propagated copy replaces a descendant's own policy of
 * the same name.
 */
import { asObject, asString, Json, stringMap } from '../../kube/objects';
import { LabelSelector, Requirement } from '../../kube/selectors';
import { checkDnsLabel } from '../../kube/validation/dns';

/** The API group of HNC's objects. */
export const HNC_GROUP = 'hnc.x-k8s.io';
const TREE_LABEL_SUFFIX = `.tree.${HNC_GROUP}/depth`;
const SUBNAMESPACE_OF = `${HNC_GROUP}/subnamespace-of`;
const PROPAGATE_NONE = `propagate.${HNC_GROUP}/none`;
const PROPAGATE_SELECT = `propagate.${HNC_GROUP}/select`;
const PROPAGATE_TREE_SELECT = `propagate.${HNC_GROUP}/treeSelect`;

/** The parent of each namespace the input places in a hierarchy, and policies HNC must not copy. */
export class NamespaceHierarchy {
  private readonly parents = new Map<string, string>();
  private readonly unpropagated = new Set<string>();
  /** Policies HNC copies only into descendants whose labels match. */
  private readonly selected = new Map<string, LabelSelector>();
  private children?: Map<string, string[]>;

  /** Reads one object's part in the hierarchy; true when the object is HNC's (so it is not ignored). */
  public read(o: Json, kind: string, namespace: string, name: string, warnings: string[]): boolean {
    const apiVersion = asString(o.apiVersion) ?? '';
    const meta = asObject(o.metadata);
    if (apiVersion.startsWith(`${HNC_GROUP}/`) && kind === 'SubnamespaceAnchor') {
      this.setParent(name, namespace, `SubnamespaceAnchor ${namespace}/${name}`, warnings);
      return true;
    }
    if (apiVersion.startsWith(`${HNC_GROUP}/`) && kind === 'HierarchyConfiguration') {
      const parent = asString(asObject(o.spec).parent);
      if (parent) this.setParent(namespace, parent, `HierarchyConfiguration ${namespace}/${name}`, warnings);
      return true;
    }
    if (kind === 'Namespace') {
      const parentFromLabels = Object.entries(stringMap(meta.labels))
        .find(([k, v]) => k.endsWith(TREE_LABEL_SUFFIX) && v === '1')?.[0].slice(0, -TREE_LABEL_SUFFIX.length);
      const parent = asString(stringMap(meta.annotations)[SUBNAMESPACE_OF]) ?? parentFromLabels;
      if (parent) this.setParent(name, parent, `Namespace ${name}`, warnings);
    }
    if (kind === 'NetworkPolicy') {
      const annotations = stringMap(meta.annotations);
      if (annotations[PROPAGATE_NONE] === 'true') this.unpropagated.add(`${namespace}/${name}`);
      const selector = propagationSelector(annotations);
      if (selector !== undefined) {
        if (selector.problem !== undefined) {
          warnings.push(`NetworkPolicy ${namespace}/${name}: propagation selector: ${selector.problem} (HNC rejects the object); it is not propagated`);
          this.unpropagated.add(`${namespace}/${name}`);
        } else {
          this.selected.set(`${namespace}/${name}`, selector);
        }
      }
    }
    return false;
  }

  /** Whether HNC copies the policy `namespace/name` into descendants at all. */
  public propagates(namespace: string, name: string): boolean {
    return !this.unpropagated.has(`${namespace}/${name}`);
  }

  /** Whether HNC copies the propagating policy `namespace/name` into a descendant with these labels. */
  public propagatesInto(namespace: string, name: string, labels: Record<string, string>): boolean {
    return this.selected.get(`${namespace}/${name}`)?.matches(labels) ?? true;
  }

  /** The namespace's parent, if the input names one. */
  public parentOf(namespace: string): string | undefined {
    return this.parents.get(namespace);
  }

  /** The namespace's children, sorted. */
  public childrenOf(namespace: string): string[] {
    return [...(this.childrenMap().get(namespace) ?? [])].sort();
  }

  /** The HNC tree labels of a namespace in the hierarchy: `<ancestor>.tree.hnc.x-k8s.io/depth` for itself and every ancestor. */
  public treeLabels(namespace: string): Record<string, string> | undefined {
    if (!this.parents.has(namespace) && !this.hasChildren(namespace)) return undefined;
    const labels: Record<string, string> = {};
    let current: string | undefined = namespace;
    for (let depth = 0; current !== undefined && labels[`${current}${TREE_LABEL_SUFFIX}`] === undefined; depth++) {
      labels[`${current}${TREE_LABEL_SUFFIX}`] = String(depth);
      current = this.parents.get(current);
    }
    return labels;
  }

  /** Namespaces the hierarchy names. */
  public get namespaces(): string[] {
    return [...new Set([...this.parents.keys(), ...this.parents.values()])].sort();
  }

  private hasChildren(namespace: string): boolean {
    return this.childrenMap().has(namespace);
  }

  private childrenMap(): Map<string, string[]> {
    if (!this.children) {
      this.children = new Map();
      for (const [child, parent] of this.parents) this.children.set(parent, [...(this.children.get(parent) ?? []), child]);
    }
    return this.children;
  }

  private setParent(child: string, parent: string, via: string, warnings: string[]): void {
    if (child === parent) {
      warnings.push(`${via}: namespace ${child} cannot be its own parent; ignored`);
      return;
    }
    const known = this.parents.get(child);
    if (known !== undefined && known !== parent) {
      warnings.push(`${via}: namespace ${child} already has the parent ${known} in the input; ${parent} is ignored`);
      return;
    }
    this.parents.set(child, parent);
    this.children = undefined;
  }
}

/**
 * The selector of HNC's `select` and `treeSelect` annotations together (both must match), or
 * undefined when the policy has neither. `treeSelect: "a, !b"` is the requirements
 * `a.tree.hnc.x-k8s.io/depth` (exists) and `!b.tree.hnc.x-k8s.io/depth`.
 */
function propagationSelector(annotations: Record<string, string>): LabelSelector | undefined {
  const select = annotations[PROPAGATE_SELECT];
  const tree = annotations[PROPAGATE_TREE_SELECT];
  if (select === undefined && tree === undefined) return undefined;
  let selector = select === undefined ? LabelSelector.EVERYTHING : LabelSelector.parseText(select);
  if (tree !== undefined) {
    const requirements: Requirement[] = [];
    for (const entry of tree.split(',').map(e => e.trim())) {
      const excluded = entry.startsWith('!');
      const namespace = excluded ? entry.slice(1).trim() : entry;
      if (checkDnsLabel(namespace) !== undefined) {
        return LabelSelector.invalid(`treeSelect entry ${JSON.stringify(entry.slice(0, 100))} is not a namespace name or !name`);
      }
      requirements.push({ key: `${namespace}${TREE_LABEL_SUFFIX}`, operator: excluded ? 'DoesNotExist' : 'Exists', values: [] });
    }
    selector = selector.and(LabelSelector.of(requirements));
  }
  return selector;
}
