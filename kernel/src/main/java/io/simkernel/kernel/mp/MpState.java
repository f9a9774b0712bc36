package io.simkernel.kernel.mp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * One process's Python-level multiprocessing state: what {@code current_process()} is, the
 * Process objects of its heap, its start method, atexit handlers and the exit hook's progress.
 * Fork copies it (B2: the child's heap is a copy); spawn builds a fresh one (B5).
 */
final class MpState {
  static final int METHOD_FORK = 0;
  static final int METHOD_SPAWN = 1;
  static final int METHOD_FORKSERVER = 2;
  static final String[] METHODS = {"fork", "spawn", "forkserver"};

  /** Exit-hook stages: not exiting, running atexit handlers, terminating daemons, joining. */
  static final int HOOK_NONE = 0;
  static final int HOOK_ATEXIT = 1;
  static final int HOOK_TERMINATE = 2;
  static final int HOOK_JOIN = 3;

  /** The current process's name: {@code MainProcess} or {@code Process-2:1}. */
  String name = "MainProcess";
  /** The identity tuple of the current process ({@code ()} in the main process), B8. */
  int[] identity = new int[0];
  /** The next child number (itertools.count(1)); every Process object created takes one. */
  int counter = 1;
  boolean daemon;
  /** 1 as {@code __main__}, 0 while re-imported as {@code __mp_main__} (B5). */
  boolean isMain = true;
  /** A spawned child re-running main (the {@code _inheriting} flag, B22). */
  boolean bootstrapping;
  /** Started as a fork child (3.11 runs no atexit handlers there: EXP-47). */
  boolean forkChild;
  /** This process runs a Process target (it is a child). */
  boolean child;
  int method = -1;
  boolean methodSet;
  /** The target the bootstrapping spawned child hands over to when main returns. */
  int pendingTarget = -1;
  long[] pendingArgs = new long[0];
  /** This process is a fork server (B4); {@link #owner} is its client. */
  boolean isServer;
  int owner;
  /** This process's fork server, 0 before its first forkserver start. */
  int server;
  /** The Process object the spawned child becomes after bootstrapping. */
  PyProcess pendingSelf;

  /** Process objects in this process's heap; a handle is index + 1. */
  final List<PyProcess> objects = new ArrayList<>();
  /** The set of started, not yet reaped children (handles), in start order (E7). */
  final IntArrayList children = new IntArrayList();
  /** Labels registered with {@code mp.atexit}, in registration order (run LIFO). */
  final IntArrayList atexit = new IntArrayList();
  /** {@code mp.except} label, -1 when none. */
  int except = -1;
  /** Queue items put but not yet flushed by the feeder thread: (queue, item) pairs (B31). */
  final LongArrayList unflushed = new LongArrayList();

  /** The runtime, not an instruction, owns the process's next kernel entry (exit hook). */
  boolean busy;
  /** SIGINT arrived: KeyboardInterrupt is raised on the next entry. */
  boolean interrupted;
  /** The signal the process kills itself with after its exit hook (main's KeyboardInterrupt). */
  int killedBy;
  int hookStage = HOOK_NONE;
  int hookCode;
  int hookAtexitLeft;

  /** Scratch memory for strings the runtime hands to the program (mp.name, mp.except). */
  long scratch;
  long scratchUsed;

  int method() {
    return method < 0 ? METHOD_FORK : method; // B1, EXP-48: fork is Linux's default in 3.11
  }

  PyProcess object(long handle) {
    return handle < 1 || handle > objects.size() ? null : objects.get((int) handle - 1);
  }

  /** The heap a fork child gets: a copy of every object, counter and handler (B2). */
  MpState forkCopy() {
    MpState c = new MpState();
    c.name = name;
    c.identity = identity.clone();
    c.counter = counter;
    c.daemon = daemon;
    c.isMain = isMain;
    c.method = method;
    c.methodSet = methodSet;
    for (PyProcess o : objects) {
      c.objects.add(o.copy());
    }
    c.atexit.addAll(atexit);
    c.except = except;
    c.scratch = scratch;
    c.scratchUsed = scratchUsed;
    return c;
  }

  /** Python's name for the n-th child of this process: {@code Process-N} or {@code Process-2:N}. */
  String childName(int n) {
    StringBuilder b = new StringBuilder("Process-");
    for (int id : identity) {
      b.append(id).append(':');
    }
    return b.append(n).toString();
  }
}
