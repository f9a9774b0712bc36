package io.simkernel.kernel.fs;

import io.simkernel.api.program.ProgramImage;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeMap;

/**
 * An inode ({@code struct inode}): a directory (its entries, in name order) or a regular file
 * (growable bytes, or an installed executable image). It lives while a directory entry links it
 * or an open file description refers to it (unlink(2): "the file is deleted once the last file
 * descriptor referring to it is closed").
 */
public final class Inode {
  /** What kind of object. */
  public enum Type {
    DIR,
    FILE
  }

  private final FileSystem fs;
  private final long ino;
  private final Type type;
  private int mode;
  private int uid;
  private final TreeMap<String, Inode> entries;
  private final ProgramImage image;
  private Inode parent;
  private byte[] data = new byte[0];
  private int size;
  private int links;
  private int opens;
  private int writers;

  Inode(FileSystem fs, long ino, Type type, int mode, int uid, ProgramImage image) {
    this.fs = fs;
    this.ino = ino;
    this.type = type;
    this.mode = mode & 07777;
    this.uid = uid;
    this.entries = type == Type.DIR ? new TreeMap<>() : null;
    this.image = image;
  }

  public long ino() {
    return ino;
  }

  public Type type() {
    return type;
  }

  public boolean isDir() {
    return type == Type.DIR;
  }

  /** Permission bits (rwxrwxrwx and the set-ID/sticky bits), as st_mode & 07777. */
  public int mode() {
    return mode;
  }

  public int uid() {
    return uid;
  }

  /** The executable image stored in this file, or null for a plain file or directory. */
  public ProgramImage image() {
    return image;
  }

  /** The scenario re-declares an existing directory's permission bits and owner. */
  void setOwnerAndMode(int newUid, int newMode) {
    uid = newUid;
    mode = newMode & 07777;
  }

  /** Directory entries linking this inode (0 after unlink). */
  public int links() {
    return links;
  }

  /** Open file descriptions referring to this inode. */
  public int opens() {
    return opens;
  }

  /** Bytes in a regular file. */
  public int size() {
    return size;
  }

  Inode parent() {
    return parent;
  }

  Inode entry(String name) {
    return entries.get(name);
  }

  /** The name-to-inode map of a directory, read-only. */
  java.util.SortedMap<String, Inode> entriesView() {
    return java.util.Collections.unmodifiableSortedMap(entries);
  }

  /** The entries of a directory, in name order (deterministic walks). */
  Collection<Inode> children() {
    return entries.values();
  }

  void link(String name, Inode child) {
    entries.put(name, child);
    child.parent = this;
    child.links++;
  }

  void unlinkEntry(String name) {
    Inode child = entries.remove(name);
    child.links--;
  }

  /** Open file descriptions with write access (i_writecount): execve then fails, ETXTBSY. */
  public int writers() {
    return writers;
  }

  /** A new open file description refers to this inode; {@code write}: it may write. */
  public void opened(boolean write) {
    opens++;
    writers += write ? 1 : 0;
  }

  /** An open file description on this inode was closed (its last descriptor went). */
  public void closed(boolean write) {
    if (opens <= 0 || (write && writers <= 0)) {
      throw new IllegalStateException("inode " + ino + " closed more often than opened");
    }
    opens--;
    writers -= write ? 1 : 0;
    if (opens == 0 && links == 0) {
      fs.freed(this);
    }
  }

  /** Copies up to {@code len} bytes from {@code offset} into {@code out}; returns the count. */
  public int read(long offset, byte[] out, int len) {
    if (offset >= size) {
      return 0;
    }
    int n = (int) Math.min(len, size - offset);
    System.arraycopy(data, (int) offset, out, 0, n);
    return n;
  }

  /** Writes {@code len} bytes at {@code offset}, growing the file (a hole reads as zeros). */
  public void write(long offset, byte[] b, int len) {
    long end = offset + len;
    if (end > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("file too large");
    }
    if (end > data.length) {
      data = Arrays.copyOf(data, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8,
          2L * data.length)));
    }
    System.arraycopy(b, 0, data, (int) offset, len);
    size = (int) Math.max(size, end);
  }

  /** O_TRUNC: the file becomes empty. */
  public void truncate() {
    size = 0;
    data = new byte[0];
  }

  /** The file's bytes (a copy). */
  public byte[] contents() {
    return Arrays.copyOf(data, size);
  }

  @Override
  public String toString() {
    return (type == Type.DIR ? "dir" : image != null ? "image" : "file") + "#" + ino;
  }
}
