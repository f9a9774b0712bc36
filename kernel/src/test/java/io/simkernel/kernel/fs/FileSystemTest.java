package io.simkernel.kernel.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.simkernel.api.Errno;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Path resolution (path_resolution(7), fs/namei.c link_path_walk) and permission checks
 * (generic_permission) of the in-memory file system, without a kernel.
 */
class FileSystemTest {
  private static final long EACCES = Errno.EACCES.negated();

  private static Inode file(FileSystem fs, String path, int mode, int uid) {
    return fs.installFile(path, "x".getBytes(StandardCharsets.UTF_8), mode, uid);
  }

  @Test
  void ownerBitsForTheOwnerOtherBitsForEveryoneElse() {
    FileSystem fs = new FileSystem();
    Inode f = file(fs, "/f", 0640, 1000);
    assertEquals(0, FileSystem.permission(f, 1000, FileSystem.MAY_READ | FileSystem.MAY_WRITE));
    assertEquals(EACCES, FileSystem.permission(f, 1000, FileSystem.MAY_EXEC));
    assertEquals(EACCES, FileSystem.permission(f, 1001, FileSystem.MAY_READ),
        "no supplementary groups: the group bits never apply to another user");
    Inode g = file(fs, "/g", 0004, 1000);
    assertEquals(EACCES, FileSystem.permission(g, 1000, FileSystem.MAY_READ),
        "the owner class decides for the owner, even when other may read");
    assertEquals(0, FileSystem.permission(g, 1001, FileSystem.MAY_READ));
  }

  @Test
  void rootBypassesReadWriteAndSearchButExecutesOnlyWithAnXBit() {
    FileSystem fs = new FileSystem();
    Inode none = file(fs, "/none", 0000, 1000);
    Inode groupX = file(fs, "/gx", 0010, 1000);
    Inode dir = fs.installDir("/d", 0000, 1000);
    assertEquals(0, FileSystem.permission(none, 0, FileSystem.MAY_READ | FileSystem.MAY_WRITE));
    assertEquals(EACCES, FileSystem.permission(none, 0, FileSystem.MAY_EXEC));
    assertEquals(0, FileSystem.permission(groupX, 0, FileSystem.MAY_EXEC), "any x bit will do");
    assertEquals(0, FileSystem.permission(dir, 0, FileSystem.MAY_EXEC), "search: always");
  }

  @Test
  void resolutionErrorsInLinuxOrder() {
    FileSystem fs = new FileSystem();
    file(fs, "/a/file", 0644, 0);
    fs.installDir("/locked", 0700, 0);
    file(fs, "/locked/inner", 0644, 0);
    Inode[] out = new Inode[2];
    String[] last = new String[1];
    assertEquals(Errno.ENOENT.negated(), fs.resolve("", 1000, out, last));
    assertEquals(Errno.ENOENT.negated(), fs.resolve("/a/missing", 1000, out, last));
    assertSame(fs.lookup("/a"), out[1], "the directory a create would use");
    assertEquals("missing", last[0]);
    assertEquals(Errno.ENOENT.negated(), fs.resolve("/missing/x", 1000, out, last));
    assertNull(out[1], "a missing directory on the way: nothing to create in");
    assertEquals(Errno.ENOTDIR.negated(), fs.resolve("/a/file/x", 1000, out, last));
    assertEquals(Errno.ENOTDIR.negated(), fs.resolve("/a/file/", 1000, out, last));
    assertEquals(EACCES, fs.resolve("/locked/inner", 1000, out, last));
    assertEquals(EACCES, fs.resolve("/locked/missing", 1000, out, last),
        "search permission is checked before the name is looked up");
    assertEquals(0, fs.resolve("/locked/inner", 0, out, last));
    assertEquals(Errno.ENAMETOOLONG.negated(), fs.resolve("/" + "n".repeat(256), 0, out, last));
    assertEquals(Errno.ENAMETOOLONG.negated(), fs.resolve("/".repeat(4096), 0, out, last));
    assertEquals(0, fs.resolve("/".repeat(4095), 0, out, last));
    assertSame(fs.root(), out[0]);
    assertEquals(0, fs.resolve("a/../a/./file", 0, out, last), "relative to /; . and ..");
    assertSame(fs.lookup("/a/file"), out[0]);
    assertEquals(0, fs.resolve("/../..", 0, out, last));
    assertSame(fs.root(), out[0], "/.. is /");
  }

  @Test
  void unlinkNeedsTheDirectoryAndHonoursTheStickyBit() {
    FileSystem fs = new FileSystem();
    fs.installDir("/tmp", 01777, 0);
    file(fs, "/tmp/ann", 0644, 1000);
    file(fs, "/tmp/bob", 0644, 1001);
    assertEquals(Errno.EPERM.negated(), fs.unlink("/tmp/ann", 1001), "check_sticky");
    assertEquals(0, fs.unlink("/tmp/bob", 1001), "its owner may");
    assertEquals(0, fs.unlink("/tmp/ann", 0), "root may");
    fs.installDir("/ro", 0755, 0);
    file(fs, "/ro/f", 0666, 1000);
    assertEquals(EACCES, fs.unlink("/ro/f", 1000), "the directory is not writable for 1000");
    assertEquals(Errno.EISDIR.negated(), fs.unlink("/ro", 0));
  }

  @Test
  void anUnlinkedOpenFileIsAnOrphanUntilItsLastClose() {
    FileSystem fs = new FileSystem();
    Inode f = file(fs, "/f", 0644, 0);
    f.opened(false);
    f.opened(true);
    assertEquals(0, fs.unlink("/f", 0));
    assertEquals(0, f.links());
    assertEquals(java.util.List.of(f), fs.orphans());
    f.closed(false);
    assertEquals(java.util.List.of(f), fs.orphans(), "one description is still open");
    f.closed(true);
    assertEquals(java.util.List.of(), fs.orphans(), "freed with its last close");
  }
}
