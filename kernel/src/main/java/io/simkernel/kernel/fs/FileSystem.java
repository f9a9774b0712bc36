package io.simkernel.kernel.fs;

import io.simkernel.api.Errno;
import io.simkernel.api.program.ProgramImage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The machine's one file system, in memory: a tree of {@link Inode}s from the root, path
 * resolution as fs/namei.c's {@code link_path_walk} does it, and permission checks as
 * fs/namei.c's {@code generic_permission}. Every process's working directory is the root, so a
 * relative path ({@code ./x}, {@code x}) resolves from {@code /}.
 */
public final class FileSystem {
  /** Longest path, with its NUL (PATH_MAX): a longer one fails with ENAMETOOLONG. */
  public static final int PATH_MAX = 4096;
  /** Longest path component (NAME_MAX). */
  public static final int NAME_MAX = 255;
  /** Permission request bits, as fs.h MAY_EXEC, MAY_WRITE, MAY_READ. */
  public static final int MAY_EXEC = 1;
  public static final int MAY_WRITE = 2;
  public static final int MAY_READ = 4;
  /** The sticky bit (S_ISVTX): in such a directory only a file's or the directory's owner unlinks. */
  public static final int STICKY = 01000;

  private final Inode root;
  /** Unlinked inodes still open (they live until their last close), by inode number. */
  private final TreeMap<Long, Inode> orphans = new TreeMap<>();
  private long nextIno = 2; // the root directory is inode 2, as on ext4

  public FileSystem() {
    root = new Inode(this, nextIno++, Inode.Type.DIR, 0755, 0, null);
  }

  public Inode root() {
    return root;
  }

  // ---------------------------------------------------------------- permission

  /**
   * generic_permission for a process of {@code uid}: 0 or -EACCES. The owner class applies when
   * the uid owns the inode, else the other class (processes have no supplementary groups and each
   * user's group is its own, so the group class never decides). Root (uid 0) may read and write
   * anything and search any directory, but executes a file only when some x bit is set.
   */
  public static long permission(Inode inode, int uid, int mask) {
    if (uid == 0) {
      if ((mask & MAY_EXEC) != 0 && !inode.isDir() && (inode.mode() & 0111) == 0) {
        return Errno.EACCES.negated();
      }
      return 0;
    }
    int bits = uid == inode.uid() ? (inode.mode() >> 6) & 7 : inode.mode() & 7;
    return (mask & ~bits & 7) == 0 ? 0 : Errno.EACCES.negated();
  }

  // ---------------------------------------------------------------- lookup

  /**
   * Resolves a path for a process of {@code uid}. On success {@code out[0]} is the inode; on
   * -ENOENT for a missing last component {@code out[1]} is its (searchable) directory and
   * {@code lastName[0]} its name, so that O_CREAT can create it. Errors as path_lookupat:
   * ENAMETOOLONG (path or component), ENOENT (empty path or a missing component), ENOTDIR (a
   * component before the last, or a last followed by {@code /}, is not a directory), EACCES (a
   * directory on the way may not be searched).
   */
  public long resolve(String path, int uid, Inode[] out, String[] lastName) {
    out[0] = null;
    out[1] = null;
    if (path.length() >= PATH_MAX) {
      return Errno.ENAMETOOLONG.negated();
    }
    if (path.isEmpty()) {
      return Errno.ENOENT.negated();
    }
    String[] parts = path.split("/");
    boolean trailingSlash = path.endsWith("/");
    List<String> names = new ArrayList<>();
    for (String s : parts) {
      if (!s.isEmpty()) {
        names.add(s);
      }
    }
    Inode cur = root;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!cur.isDir()) {
        return Errno.ENOTDIR.negated();
      }
      long perm = permission(cur, uid, MAY_EXEC); // may_lookup
      if (perm < 0) {
        return perm;
      }
      if (name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        cur = cur.parent() == null ? cur : cur.parent();
        continue;
      }
      if (name.length() > NAME_MAX) {
        return Errno.ENAMETOOLONG.negated();
      }
      Inode next = cur.entry(name);
      if (next == null) {
        if (i == names.size() - 1) {
          out[1] = cur;
          if (lastName != null) {
            lastName[0] = name;
          }
        }
        return Errno.ENOENT.negated();
      }
      cur = next;
    }
    if (trailingSlash && !cur.isDir()) {
      return Errno.ENOTDIR.negated();
    }
    out[0] = cur;
    return 0;
  }

  /** The inode at a path, resolved as root would, or null (for tests and the report). */
  public Inode lookup(String path) {
    Inode[] out = new Inode[2];
    return resolve(path, 0, out, null) == 0 ? out[0] : null;
  }

  // ---------------------------------------------------------------- changes

  /**
   * Creates a regular file {@code name} in {@code dir} for a process of {@code uid}: 0 or
   * -EACCES when the directory is not writable and searchable (may_create).
   */
  public long create(Inode dir, String name, int mode, int uid, Inode[] out) {
    long perm = permission(dir, uid, MAY_WRITE | MAY_EXEC);
    if (perm < 0) {
      return perm;
    }
    Inode f = new Inode(this, nextIno++, Inode.Type.FILE, mode, uid, null);
    dir.link(name, f);
    out[0] = f;
    return 0;
  }

  /**
   * unlink(2): removes a directory entry. -EACCES when the directory is not writable and
   * searchable (may_delete), -EPERM in a sticky directory for a caller owning neither the file
   * nor the directory (check_sticky), -EISDIR for a directory (Linux's answer), path errors as
   * {@link #resolve}. An open file stays alive, unnamed, until its last close.
   */
  public long unlink(String path, int uid) {
    Inode[] out = new Inode[2];
    long r = resolve(path, uid, out, null);
    if (r < 0) {
      return r;
    }
    Inode f = out[0];
    if (f == root) {
      return Errno.EISDIR.negated();
    }
    Inode dir = f.parent();
    long perm = permission(dir, uid, MAY_WRITE | MAY_EXEC);
    if (perm < 0) {
      return perm;
    }
    if ((dir.mode() & STICKY) != 0 && uid != 0 && uid != f.uid() && uid != dir.uid()) {
      return Errno.EPERM.negated(); // may_delete -> check_sticky: /tmp's rule
    }
    if (f.isDir()) {
      return Errno.EISDIR.negated();
    }
    dir.unlinkEntry(nameIn(dir, f));
    if (f.opens() > 0) {
      orphans.put(f.ino(), f);
    }
    return 0;
  }

  private static String nameIn(Inode dir, Inode f) {
    for (var e : dir.entriesView().entrySet()) {
      if (e.getValue() == f) {
        return e.getKey();
      }
    }
    throw new IllegalStateException(f + " is not in its parent directory");
  }

  /** The last open description of an unlinked inode closed: it is gone. */
  void freed(Inode f) {
    orphans.remove(f.ino());
  }

  /** Unlinked inodes kept alive by open descriptions, in inode order. */
  public List<Inode> orphans() {
    return List.copyOf(orphans.values());
  }

  // ---------------------------------------------------------------- populating (the scenario)

  /** Creates every missing directory of {@code path} (mode 0755, root's); returns the last. */
  public Inode mkdirs(String path, int mode, int uid) {
    Inode cur = root;
    for (String name : path.split("/")) {
      if (name.isEmpty()) {
        continue;
      }
      Inode next = cur.entry(name);
      if (next == null) {
        next = new Inode(this, nextIno++, Inode.Type.DIR, mode, uid, null);
        cur.link(name, next);
      } else if (!next.isDir()) {
        throw new IllegalArgumentException(path + ": " + name + " is not a directory");
      }
      cur = next;
    }
    return cur;
  }

  /** Installs a file at an absolute path (parents created 0755), replacing what was there. */
  private Inode place(String path, Inode f) {
    int slash = path.lastIndexOf('/');
    Inode dir = mkdirs(path.substring(0, slash), 0755, 0);
    String name = path.substring(slash + 1);
    if (dir.entry(name) != null) {
      dir.unlinkEntry(name);
    }
    dir.link(name, f);
    return f;
  }

  /** {@code program PATH ... end}: the image as a file of mode 0755 owned by root. */
  public Inode installImage(String path, ProgramImage image) {
    return place(path, new Inode(this, nextIno++, Inode.Type.FILE, 0755, 0, image));
  }

  /** A plain file with contents, permission bits and owner (the scenario's {@code file}). */
  public Inode installFile(String path, byte[] contents, int mode, int uid) {
    Inode f = place(path, new Inode(this, nextIno++, Inode.Type.FILE, mode, uid, null));
    f.write(0, contents, contents.length);
    return f;
  }

  /** A directory with permission bits and owner (the scenario's {@code dir}). */
  public Inode installDir(String path, int mode, int uid) {
    int slash = path.lastIndexOf('/');
    Inode parent = mkdirs(path.substring(0, Math.max(slash, 0)), 0755, 0);
    String name = path.substring(slash + 1);
    Inode d = parent.entry(name);
    if (d != null && d.isDir()) {
      d.setOwnerAndMode(uid, mode); // keeps the files already placed in it
      return d;
    }
    if (d != null) {
      parent.unlinkEntry(name);
    }
    d = new Inode(this, nextIno++, Inode.Type.DIR, mode, uid, null);
    parent.link(name, d);
    return d;
  }

  /** Every inode reachable from the root, depth first in name order. */
  public List<Inode> reachable() {
    List<Inode> all = new ArrayList<>();
    collect(root, all);
    return all;
  }

  private static void collect(Inode d, List<Inode> all) {
    all.add(d);
    if (d.isDir()) {
      for (Inode c : d.children()) {
        collect(c, all);
      }
    }
  }
}
