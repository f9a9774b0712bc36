package io.simkernel.kernel.check;

import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.fs.FileSystem;
import io.simkernel.kernel.fs.Inode;
import io.simkernel.kernel.ipc.FdTable;
import io.simkernel.kernel.ipc.OpenFile;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

/** The file system's invariants, which need every process's descriptors (InvariantChecker). */
final class FileInvariants {
  private FileInvariants() {}

  /**
   * An inode's open count (and its writer count) equals the distinct open file descriptions
   * (with write access), over every process's table, that refer to it; every reachable inode but the root is linked exactly once; an
   * unlinked inode lives exactly while it is open: it is then on the orphan list, and nothing
   * refers to an inode that is neither reachable nor an orphan (unlink(2), close(2)).
   */
  static String check(Kernel k) {
    // distinct descriptions in PID then descriptor order (identity maps only count)
    Set<OpenFile> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    IdentityHashMap<Inode, int[]> opens = new IdentityHashMap<>();
    Set<Inode> open = new LinkedHashSet<>();
    k.table().forEach(p -> {
      FdTable t = p.files();
      for (int fd = 0; t != null && fd < t.capacity(); fd++) {
        OpenFile f = t.get(fd);
        if (f != null && f.inode() != null && seen.add(f)) {
          int[] n = opens.computeIfAbsent(f.inode(), x -> new int[2]);
          n[0]++;
          n[1] += f.writable() ? 1 : 0;
          open.add(f.inode());
        }
      }
    });
    FileSystem fs = k.fs();
    Set<Inode> known = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Inode i : fs.reachable()) {
      known.add(i);
      int want = i == fs.root() ? 0 : 1;
      if (i.links() != want) {
        return "reachable " + i + " has " + i.links() + " links, expected " + want;
      }
      String bad = openCount(i, opens);
      if (bad != null) {
        return bad;
      }
    }
    for (Inode i : fs.orphans()) {
      known.add(i);
      if (i.links() != 0 || i.opens() == 0) {
        return "orphan " + i + " has " + i.links() + " links and " + i.opens()
            + " opens; an unlinked inode lives exactly while it is open";
      }
      String bad = openCount(i, opens);
      if (bad != null) {
        return bad;
      }
    }
    for (Inode i : open) {
      if (!known.contains(i)) {
        return i + " is open through a descriptor but is neither linked nor kept as an orphan";
      }
    }
    return null;
  }

  private static String openCount(Inode i, IdentityHashMap<Inode, int[]> opens) {
    int[] have = opens.get(i);
    int n = have == null ? 0 : have[0];
    int w = have == null ? 0 : have[1];
    if (i.opens() != n) {
      return i + " counts " + i.opens() + " open descriptions, but " + n
          + " are in descriptor tables";
    }
    return i.writers() == w ? null : i + " counts " + i.writers() + " writers, but " + w
        + " open descriptions may write";
  }
}
