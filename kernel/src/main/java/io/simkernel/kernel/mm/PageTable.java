package io.simkernel.kernel.mm;

/**
 * A 4-level radix tree of 512-entry tables for 48-bit addresses and 4 KiB pages, as x86-64's
 * (PML4 → PDPT → PD → PT); a virtual page number (36 bits) indexes 9 bits per level. The tree may
 * share subtrees with other address spaces' trees under the {@code ondemand} fork policy: every
 * change goes down an <em>owned</em> path ({@link #ownPath}), copying the shared tables on it
 * first, so a shared table is never changed in place except to write-protect entries, which is
 * what sharing implies anyway.
 */
final class PageTable {
  final PhysicalMemory mem;
  /** Where this tree's tables come from and go back to (one pool per machine). */
  private final NodePool pool;
  Dir root;
  /** The nodes of the last {@link #ownPath}: [0] = the leaf ... [3] = the root. */
  private final Node[] path = new Node[4];
  /** Whether the last {@link #walk} found every table on the path exclusive and settled. */
  boolean lastExclusive;
  /** Entries copied by table copies since the last {@link #takeCopied}. */
  private long copied;

  PageTable(PhysicalMemory mem) {
    this.mem = mem;
    this.pool = mem.nodePool();
    this.root = pool.dir();
  }

  /** Replaces the (empty) root by a shared one, giving the empty one back to the pool. */
  void replaceEmptyRoot(Dir shared) {
    Dir old = root;
    root = shared;
    if (old != shared && old.present == 0 && old.first() < 0) {
      pool.free(old);
    }
  }

  Leaf newLeaf() {
    return pool.leaf();
  }

  Dir newDir() {
    return pool.dir();
  }

  static int index(long vpn, int level) {
    return (int) (vpn >>> (9 * level)) & 511;
  }

  /** Virtual pages one node of a level covers. */
  static long span(int level) {
    return 1L << (9 * (level + 1));
  }

  long takeCopied() {
    long c = copied;
    copied = 0;
    return c;
  }

  // ------------------------------------------------------------------ reading

  /** The leaf for a page, or null; sets {@link #lastExclusive}. */
  Leaf walk(long vpn) {
    Node n = root;
    boolean ex = n.shares == 1 && !n.wpPending;
    for (int level = 3; level >= 1; level--) {
      n = ((Dir) n).get(index(vpn, level));
      if (n == null) {
        lastExclusive = false;
        return null;
      }
      ex &= n.shares == 1 && !n.wpPending;
    }
    lastExclusive = ex;
    return (Leaf) n;
  }

  long entry(long vpn) {
    Leaf l = walk(vpn);
    return l == null ? 0 : l.get((int) vpn & 511);
  }

  // ------------------------------------------------------------------ owning: copy-on-write of tables

  /** Makes a node exclusive to this tree: copied if shared, a pending write-protect pushed down. */
  private Node own(Node n) {
    if (n.shares > 1) {
      n.shares--;
      return copyNode(n);
    }
    if (n.wpPending) {
      pushDown(n);
    }
    return n;
  }

  private Node copyNode(Node n) {
    mem.tableCopies++;
    if (n instanceof Dir d) {
      Dir c = pool.dir();
      for (int i = d.first(); i >= 0; i = d.next(i)) {
        Node s = d.get(i);
        s.shares++;
        s.wpPending = true;
        c.set(i, s);
        copied++;
      }
      c.copyCounts(d);
      return c;
    }
    Leaf l = (Leaf) n;
    Leaf c = l.size() > Leaf.COMPACT_MAX ? pool.denseLeaf() : pool.leaf();
    long[] src = l.vals;
    for (int i = l.first(), k = 0; i >= 0; i = l.next(i), k++) {
      int s = l.slot(i, k);
      long e = src[s];
      mem.get(Pte.frame(e));
      e = Pte.copyOnWrite(e); // the frame is in two tables now
      src[s] = e;
      c.set(i, e);
      copied++;
    }
    c.copyCounts(l);
    return c;
  }

  /** A node shared at a fork is settled: its children inherit the mark, a leaf is protected. */
  private static void pushDown(Node n) {
    n.wpPending = false;
    if (n instanceof Dir d) {
      for (int i = d.first(); i >= 0; i = d.next(i)) {
        d.get(i).wpPending = true;
      }
    } else {
      writeProtectAnon((Leaf) n);
    }
  }

  /** Write-protects and marks copy-on-write every anonymous entry of a leaf. */
  static void writeProtectAnon(Leaf l) {
    long[] v = l.vals;
    for (int i = l.first(), k = 0; i >= 0; i = l.next(i), k++) {
      int s = l.slot(i, k);
      v[s] = Pte.copyOnWrite(v[s]);
    }
  }

  /** The leaf of a page with every table on the way owned; null if absent and not creating. */
  Leaf ownPath(long vpn, boolean create) {
    return ownPath(vpn, create, false);
  }

  /** As {@link #ownPath(long, boolean)}; a missing leaf is made direct if {@code dense}. */
  Leaf ownPath(long vpn, boolean create, boolean dense) {
    root = (Dir) own(root);
    Node n = root;
    path[3] = n;
    for (int level = 3; level >= 1; level--) {
      Dir d = (Dir) n;
      int i = index(vpn, level);
      Node c = d.get(i);
      if (c == null) {
        if (!create) {
          return null;
        }
        c = level == 1 ? (dense ? pool.denseLeaf() : pool.leaf()) : pool.dir();
      } else {
        c = own(c);
      }
      d.set(i, c);
      n = c;
      path[level - 1] = c;
    }
    return (Leaf) n;
  }

  /** Sets an entry of the leaf of the last {@link #ownPath}, keeping the counters. */
  void set(Leaf l, int i, long e) {
    long old = l.get(i);
    if (old != 0) {
      int k = Pte.kind(old);
      for (Node n : path) {
        n.count(k, -1);
      }
    }
    if (e != 0) {
      int k = Pte.kind(e);
      for (Node n : path) {
        n.count(k, 1);
      }
    }
    l.set(i, e);
  }

  /**
   * After entries were added to the leaf of the last {@link #ownPath} directly, adds the change
   * of its counters since {@code before} to the directories above it.
   */
  void addToPath(Leaf l, Node before) {
    for (int i = 1; i < 4; i++) {
      Node n = path[i];
      n.anon += l.anon - before.anon;
      n.file += l.file - before.file;
      n.shmem += l.shmem - before.shmem;
      n.present += l.present - before.present;
    }
  }

  // ------------------------------------------------------------------ ranges

  /** Tears down the entries of [sv, ev); whole subtrees are dropped. Returns entries removed. */
  long zap(long sv, long ev) {
    long before = root.present;
    Node r = range(root, 3, 0, sv, ev, OP_ZAP);
    root = r == null ? pool.dir() : (Dir) r;
    return before - root.present;
  }

  /** Applies a new protection to the present entries of [sv, ev) (Linux's change_pte_range). */
  void protect(long sv, long ev, int prot, boolean shared) {
    int op = (prot & (Vma.PROT_READ | Vma.PROT_WRITE | Vma.PROT_EXEC)) == 0 ? OP_NONE
        : (prot & Vma.PROT_WRITE) == 0 ? OP_READONLY : shared ? OP_WRITE_SHARED : OP_WRITE;
    root = (Dir) range(root, 3, 0, sv, ev, op);
  }

  private static final int OP_ZAP = 0;
  private static final int OP_NONE = 1;
  private static final int OP_READONLY = 2;
  private static final int OP_WRITE = 3;
  private static final int OP_WRITE_SHARED = 4;

  private Node range(Node n, int level, long base, long sv, long ev, int op) {
    long span = span(level);
    if (op == OP_ZAP && sv <= base && base + span <= ev && level < 3) {
      release(n);
      return null;
    }
    n = own(n);
    long from = Math.max(sv, base);
    long to = Math.min(ev, base + span);
    if (n instanceof Leaf l) {
      rangeLeaf(l, (int) (from - base), (int) (to - base), op);
      return l;
    }
    Dir d = (Dir) n;
    long child = span >>> 9;
    for (int i = (int) ((from - base) / child); i <= (int) ((to - 1 - base) / child); i++) {
      Node c = d.get(i);
      if (c != null) {
        d.addCounts(c, -1);
        c = range(c, level - 1, base + i * child, sv, ev, op);
        d.set(i, c);
        if (c != null) {
          d.addCounts(c, 1);
        }
      }
    }
    return d;
  }

  /** Zaps or protects the present entries [lo, hi) of an owned leaf, in index order. */
  private void rangeLeaf(Leaf l, int lo, int hi, int op) {
    long[] v = l.vals;
    for (int i = l.from(lo), k = l.rank(lo); i >= 0 && i < hi; i = l.next(i), k++) {
      int s = l.slot(i, k);
      long e = v[s];
      if (op == OP_ZAP) {
        l.count(Pte.kind(e), -1);
        mem.put(Pte.frame(e));
      } else {
        v[s] = protectEntry(e, op);
      }
    }
    if (op == OP_ZAP) {
      l.clearRange(lo, hi);
    }
  }

  private static long protectEntry(long e, int op) {
    switch (op) {
      case OP_NONE:
        return e & ~(Pte.USER | Pte.WRITABLE);
      case OP_READONLY:
        return (e | Pte.USER) & ~Pte.WRITABLE;
      case OP_WRITE_SHARED:
        return e | Pte.USER | Pte.WRITABLE;
      default:
        // can_change_pte_writable: only an exclusive anonymous page becomes writable at once
        e |= Pte.USER;
        return Pte.kind(e) == Pte.ANON && (e & Pte.COW) == 0 ? e | Pte.WRITABLE : e;
    }
  }

  /** Drops this tree's reference on a node, freeing what only it held. Returns entries freed. */
  long release(Node n) {
    if (--n.shares > 0) {
      return 0;
    }
    long freed = 0;
    if (n instanceof Dir d) {
      for (int i = d.first(); i >= 0; i = d.next(i)) {
        freed += release(d.get(i));
      }
      pool.free(d);
    } else {
      Leaf l = (Leaf) n;
      freed = mem.putEntries(l);
      pool.free(l);
    }
    return freed;
  }

  /** Releases the whole tree (exit, exec). Returns entries freed. */
  long releaseAll() {
    long freed = release(root);
    root = pool.dir();
    return freed;
  }

  /** Entries a teardown must visit: shared subtrees count one each (only a reference drops). */
  long teardownEntries() {
    return teardown(root);
  }

  private static long teardown(Node n) {
    if (n.shares > 1) {
      return 1;
    }
    if (n instanceof Leaf) {
      return n.present;
    }
    long t = 0;
    Dir d = (Dir) n;
    for (int i = d.first(); i >= 0; i = d.next(i)) {
      t += teardown(d.get(i));
    }
    return t;
  }
}
