package io.simkernel.kernel.mp;

import io.simkernel.api.Constants;

/**
 * A {@code multiprocessing.Process} object (B8, B18): private to the process that holds it, copied
 * by fork with the rest of the heap (so a forked child holds copies of its parent's objects, whose
 * creator is not itself: EXP-29).
 */
final class PyProcess {
  final int creator;
  final String name;
  /** The identity tuple the child gets (B8): the creator's plus this object's number. */
  final int[] identity;
  boolean daemon;
  final int target;
  final long[] args;
  /** The child's pid once started, 0 before (Python's {@code _popen is None}). */
  int pid;
  /** The cached return code, {@link Constants#NONE} while unknown. */
  long exitcode = Constants.NONE;
  boolean closed;
  int method;
  /** The fork server that forked it (forkserver), 0 for a child of the creator. */
  int server;

  PyProcess(int creator, String name, int[] identity, boolean daemon, int target, long[] args) {
    this.creator = creator;
    this.name = name;
    this.identity = identity;
    this.daemon = daemon;
    this.target = target;
    this.args = args;
  }

  PyProcess copy() {
    PyProcess c = new PyProcess(creator, name, identity, daemon, target, args);
    c.pid = pid;
    c.exitcode = exitcode;
    c.closed = closed;
    c.method = method;
    c.server = server;
    return c;
  }

  boolean started() {
    return pid != 0;
  }

  boolean finished() {
    return exitcode != Constants.NONE;
  }
}
