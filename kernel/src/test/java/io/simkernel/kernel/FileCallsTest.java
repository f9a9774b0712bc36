package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * open, read, write, close, dup2 and unlink on regular files. Expected values come from open(2),
 * read(2), write(2), unlink(2), dup2(2), path_resolution(7) and posix-semantics FK-3 (the child's
 * descriptors refer to the same open file descriptions), not from the simulator.
 */
class FileCallsTest {
  /** A program that runs {@code body} and then prints the file /f (up to 63 bytes). */
  private static String withDump(String files, String body) {
    return files + """
        program /bin/t
        data
          buf: space 64
        text
        main:
        """ + body + """
          open "/f", O_RDONLY
          mov r9, r0
          read r9, [buf], 63
          print "f=[%s]\\n", buf
          exit 0
        end
        run /bin/t
        """;
  }

  @Test
  void separateOpensHaveSeparateOffsetsAndOverwriteEachOther_open2() {
    Sim.Run r = completed(withDump("", """
          open "/f", O_WRONLY|O_CREAT, 0o644
          mov r6, r0
          open "/f", O_WRONLY
          mov r7, r0
          write r6, "AAAA", 4
          write r7, "BB", 2
          print "fds=%d,%d\\n", r6, r7
        """));
    assertEquals("fds=3,4\nf=[BBAA]\n", r.stdout(), "open(2): lowest free fd; each open has its"
        + " own offset, starting at 0");
  }

  @Test
  void oAppendWritesAtTheEndEvenThroughSeparateOpens_open2() {
    Sim.Run r = completed(withDump("", """
          open "/f", O_WRONLY|O_CREAT|O_APPEND
          mov r6, r0
          open "/f", O_WRONLY|O_APPEND
          mov r7, r0
          write r6, "AAAA", 4
          write r7, "BB", 2
          write r6, "C", 1
        """));
    assertEquals("f=[AAAABBC]\n", r.stdout());
  }

  @Test
  void dup2SharesTheOffset_dup2() {
    Sim.Run r = completed(withDump("", """
          open "/f", O_WRONLY|O_CREAT
          mov r6, r0
          dup2 r6, 7
          write r6, "AA", 2
          write 7, "BB", 2
          close r6
          write 7, "CC", 2
        """));
    assertEquals("f=[AABBCC]\n", r.stdout());
  }

  @Test
  void forkSharesTheOpenFileDescriptionAndItsOffset_FK3() {
    Sim.Run r = completed(withDump("", """
          open "/f", O_WRONLY|O_CREAT|O_TRUNC
          mov r6, r0
          fork
          jz r0, child
          wait
          write r6, "parent.", 7
          jmp done
        child:
          write r6, "child.", 6
          exit 0
        done:
        """));
    assertEquals("f=[child.parent.]\n", r.stdout());
  }

  @Test
  void oTruncEmptiesAndReadsAdvanceTheOffset_open2_read2() {
    Sim.Run r = completed(withDump("file /f \"old contents\"\n", """
          open "/f", O_RDONLY
          mov r6, r0
          read r6, [buf], 3
          print "r=%d ", r0
          read r6, [buf+8], 100
          print "r=%d [%s] ", r0, buf+8
          read r6, [buf+8], 100
          print "eof=%d\\n", r0
          open "/f", O_WRONLY|O_TRUNC
          write r0, "new", 3
        """));
    assertEquals("r=3 r=9 [ contents] eof=0\nf=[new]\n", r.stdout());
  }

  @Test
  void creationErrors_EEXIST_ENOENT_open2() {
    Sim.Run r = completed(withDump("file /f \"x\"\n", """
          open "/f", O_WRONLY|O_CREAT|O_EXCL
          print "excl=%e ", r0
          open "/f", O_WRONLY|O_CREAT
          print "creat=%d ", r0
          open "/missing", O_RDONLY
          print "missing=%e ", r0
          open "/nodir/new", O_WRONLY|O_CREAT
          print "nodir=%e\\n", r0
        """));
    assertEquals("excl=-EEXIST creat=3 missing=-ENOENT nodir=-ENOENT\nf=[x]\n", r.stdout());
  }

  @Test
  void directoriesAndAccessModes_EISDIR_EBADF_open2_read2_write2() {
    Sim.Run r = completed(withDump("file /f \"x\"\ndir /d\n", """
          open "/d", O_WRONLY
          print "wrdir=%e ", r0
          open "/d", O_RDWR|O_CREAT
          print "creatdir=%e ", r0
          open "/d", O_RDONLY
          read r0, [buf], 1
          print "readdir=%e ", r0
          open "/f", O_RDONLY
          write r0, "y", 1
          print "wr_on_rdonly=%e ", r0
          open "/f", O_WRONLY
          read r0, [buf], 1
          print "rd_on_wronly=%e ", r0
          open "/f", 3
          print "acc3=%e\\n", r0
        """));
    assertEquals("wrdir=-EISDIR creatdir=-EISDIR readdir=-EISDIR wr_on_rdonly=-EBADF"
        + " rd_on_wronly=-EBADF acc3=-EINVAL\nf=[x]\n", r.stdout());
  }

  @Test
  void pathErrors_ENOTDIR_ENAMETOOLONG_pathResolution7() {
    String longName = "n".repeat(256);
    Sim.Run r = completed(withDump("file /f \"x\"\n", """
          open "/f/x", O_RDONLY
          print "notdir=%e ", r0
          open "/f/", O_RDONLY
          print "slash=%e ", r0
          open "/LONG", O_RDONLY
          print "long=%e ", r0
          open "f", O_RDONLY
          print "relative=%d\\n", r0
        """.replace("LONG", longName)));
    assertEquals("notdir=-ENOTDIR slash=-ENOTDIR long=-ENAMETOOLONG relative=3\nf=[x]\n",
        r.stdout(), "a relative path resolves from the working directory, / here");
  }

  @Test
  void permissionBitsAgainstTheUid_EACCES_genericPermission() {
    Sim.Run r = completed("""
        file /f "secret" mode=0o600
        file /pub "open" mode=rw-r--r--
        file /box/in "boxed" mode=0o644
        dir /box mode=0o700
        file /mine "m" mode=0o400 uid=1000
        program /bin/t
        data
          buf: space 16
        text
        main:
          open "/f", O_RDONLY
          print "root_reads_0600=%d ", r0
          setuid 1000
          open "/f", O_RDONLY
          print "f=%e ", r0
          open "/pub", O_RDONLY
          print "pub_r=%d ", r0
          open "/pub", O_WRONLY
          print "pub_w=%e ", r0
          open "/box/in", O_RDONLY
          print "nosearch=%e ", r0
          open "/mine", O_RDONLY
          print "owner_r=%d ", r0
          open "/mine", O_RDWR
          print "owner_rw=%e ", r0
          open "/new", O_WRONLY|O_CREAT
          print "create_in_root_dir=%e\\n", r0
          exit 0
        end
        run /bin/t
        """);
    assertEquals("root_reads_0600=3 f=-EACCES pub_r=4 pub_w=-EACCES nosearch=-EACCES owner_r=5"
        + " owner_rw=-EACCES create_in_root_dir=-EACCES\n", r.stdout());
  }

  @Test
  void newFilesGetModeMinusUmaskAndTheCallerAsOwner_open2() {
    Sim.Run r = completed("""
        dir /tmp mode=0o777
        program /bin/t
        text
        main:
          setuid 1000
          open "/tmp/a", O_WRONLY|O_CREAT, 0o666
          open "/tmp/a", O_RDWR
          print "owner_rw=%d ", r0
          fork
          jnz r0, parent
          setuid 1000
          exit 0
        parent:
          wait
          open "/tmp/b", O_WRONLY|O_CREAT, 0o600
          open "/tmp/b", O_RDONLY
          print "b=%d\\n", r0
          exit 0
        end
        run /bin/t
        """);
    assertEquals("owner_rw=4 b=6\n", r.stdout());
  }

  @Test
  void unlinkKeepsAnOpenFileAliveUntilItsLastClose_unlink2() {
    Sim.Run r = completed("""
        file /f "still here"
        program /bin/t
        data
          buf: space 32
        text
        main:
          open "/f", O_RDONLY
          mov r6, r0
          unlink "/f"
          print "unlink=%d ", r0
          open "/f", O_RDONLY
          print "reopen=%e ", r0
          unlink "/f"
          print "again=%e ", r0
          read r6, [buf], 31
          print "read=[%s] ", buf
          close r6
          unlink "/"
          print "root=%e\\n", r0
          exit 0
        end
        run /bin/t
        """);
    assertEquals("unlink=0 reopen=-ENOENT again=-ENOENT read=[still here] root=-EISDIR\n",
        r.stdout());
  }

  @Test
  void unlinkNeedsWriteAndSearchOnTheDirectory_EACCES_unlink2() {
    Sim.Run r = completed("""
        file /ro/f "x"
        dir /ro mode=0o755
        program /bin/t
        text
        main:
          setuid 1000
          unlink "/ro/f"
          print "unlink=%e\\n", r0
          exit 0
        end
        run /bin/t
        """);
    assertEquals("unlink=-EACCES\n", r.stdout());
  }

  @Test
  void closeOnExecClosesOnlyMarkedDescriptors_EX5_openCLOEXEC() {
    Sim.Run r = completed("""
        program /bin/q
        text
        main:
          write 3, "kept\\n", 5
          print "fd3=%d ", r0
          write 4, "lost\\n", 5
          print "fd4=%e\\n", r0
          exit 0
        end
        program /bin/p
        data
          buf: space 32
        text
        main:
          open "/f", O_WRONLY|O_CREAT
          open "/f", O_WRONLY|O_CREAT|O_CLOEXEC
          fork
          jz r0, child
          wait
          open "/f", O_RDONLY
          read r0, [buf], 31
          print "f=[%s]\\n", buf
          exit 0
        child:
          execve "/bin/q"
          exit 1
        end
        run /bin/p
        """);
    assertEquals("fd3=5 fd4=-EBADF\nf=[kept\n]\n", r.stdout());
  }

  @Test
  void printGoesToAFileThroughDup2_dup2() {
    Sim.Run r = completed(withDump("", """
          dup2 1, 9
          open "/f", O_WRONLY|O_CREAT
          dup2 r0, 1
          print "to the file %d", 42
          dup2 9, 1
        """));
    assertEquals("f=[to the file 42]\n", r.stdout(), "print writes to whatever fd 1 refers to");
  }
}
