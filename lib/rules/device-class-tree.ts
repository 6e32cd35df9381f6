export interface TreeNodeInput {
  id: number;
  parentId: number | null;
  name: string;
}

export type TreeNode<T extends TreeNodeInput> = T & { depth: number; children: TreeNode<T>[]; path: string[] };

/** Builds the class tree, siblings sorted by name. Orphans (parent missing) become roots. */
export function buildTree<T extends TreeNodeInput>(rows: readonly T[]): TreeNode<T>[] {
  const byId = new Map<number, TreeNode<T>>();
  for (const r of rows) byId.set(r.id, { ...r, depth: 0, children: [], path: [] });
  const roots: TreeNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId != null ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (xs: TreeNode<T>[], depth: number, path: string[]) => {
    xs.sort((a, b) => a.name.localeCompare(b.name));
    for (const x of xs) {
      x.depth = depth;
      x.path = [...path, x.name];
      sort(x.children, depth + 1, x.path);
    }
  };
  sort(roots, 0, []);
  return roots;
}

/** Depth-first list of the tree, for rendering and for <select> options. */
export function flattenTree<T extends TreeNodeInput>(roots: TreeNode<T>[]): TreeNode<T>[] {
  const out: TreeNode<T>[] = [];
  const walk = (xs: TreeNode<T>[]) => xs.forEach((x) => (out.push(x), walk(x.children)));
  walk(roots);
  return out;
}

/** Ancestors of `id`, nearest first. Stops on a cycle rather than looping. */
export function ancestorsOf(rows: readonly TreeNodeInput[], id: number): number[] {
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  const out: number[] = [];
  const seen = new Set<number>([id]);
  let p = parentOf.get(id) ?? null;
  while (p != null && !seen.has(p)) {
    out.push(p);
    seen.add(p);
    p = parentOf.get(p) ?? null;
  }
  return out;
}

/** The class and every class below it (cycle-safe). */
export function subtreeOf(rows: readonly Pick<TreeNodeInput, "id" | "parentId">[], id: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const r of rows) if (r.parentId != null) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out = new Set<number>([id]);
  const stack = [id];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (out.has(c)) continue;
      out.add(c);
      stack.push(c);
    }
  }
  return out;
}

/** Moving `id` under `newParentId` is refused when the new parent is the class itself or one of its descendants. */
export function moveProblem(rows: readonly TreeNodeInput[], id: number, newParentId: number | null): string | null {
  if (newParentId == null) return null;
  if (newParentId === id) return "A device class cannot be its own parent.";
  if (ancestorsOf(rows, newParentId).includes(id)) return "A device class cannot be moved under one of its own subclasses.";
  return null;
}
