package io.simkernel.kernel.check;

import static io.simkernel.kernel.check.Invariant.of;

import io.simkernel.api.Signals;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.ipc.FdTable;
import io.simkernel.kernel.ipc.OpenFile;
import io.simkernel.kernel.ipc.Pipe;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.ProcessTable;
import io.simkernel.kernel.proc.TaskState;
import io.simkernel.kernel.sched.Cpu;
import io.simkernel.kernel.sched.Scheduler;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

/** The registry of whole-kernel invariants, run after every event in checked mode. */
public final class InvariantChecker {
  private final Kernel kernel;
  private final List<Invariant> invariants;
  private long lastTime;

  public InvariantChecker(Kernel kernel) {
    this.kernel = kernel;
    this.invariants = all();
  }

  /** Every invariant, in the order they are checked. */
  public static List<Invariant> all() {
    List<Invariant> list = new ArrayList<>();
    list.add(of("init-exists", "PID 1 always exists (I-1, RP-7)",
        k -> k.table().get(1) == null ? "PID 1 is gone" : null));
    list.add(of("pid-references", "a PID number is held exactly by the processes, groups,"
        + " sessions and Win32 process objects using it, so it is never reused while in use"
        + " (PID-5, I-4, createprocess A6, A25)",
        InvariantChecker::pidReferences));
    list.add(of("parent-alive", "every process but init and those CreateProcess made (which"
        + " have no Linux parent, createprocess A26) has a live parent whose child list holds it"
        + " exactly once (I-2, RP-1)", InvariantChecker::parentAlive));
    list.add(of("zombie-released", "a zombie holds no memory, files, timers, pending signals or"
        + " children and is not scheduled (ST-4, I-3)", InvariantChecker::zombieReleased));
    list.add(of("sigkill-sigstop", "SIGKILL and SIGSTOP are never blocked, ignored or caught"
        + " (SI-2, I-6)", InvariantChecker::uncatchable));
    list.add(of("scheduling", "a runnable process is on exactly one CPU or queued exactly once;"
        + " nothing else is scheduled", InvariantChecker::scheduling));
    list.add(of("uid-counts", "per-user process counts equal the records (I-11, ST-5)",
        InvariantChecker::uidCounts));
    list.add(of("frames", "every frame's count equals the page-table entries and page caches"
        + " mapping it; a free frame is mapped by nothing; a writable private page is exclusive"
        + " (I-9, MM-2, MM-4)", k -> k.memory().check()));
    list.add(of("memory-owners", "every live address space belongs to a live process; with no"
        + " process left only the images' page caches hold frames (MM-9)",
        MemoryInvariants::owners));
    list.add(of("open-files", "an open file description's reference count equals the descriptors"
        + " referring to it; a pipe's reader and writer counts equal the open descriptions of its"
        + " ends (pipe(7))", InvariantChecker::openFiles));
    list.add(of("image-text-shared", "every process mapping an image's text at its preferred"
        + " base maps the same page-cache frames (createprocess A34, issue 5)",
        ImageInvariants::textShared));
    list.addAll(WinInvariants.all());
    list.add(of("files", "an inode's open count equals the open descriptions referring to it;"
        + " an unlinked inode lives exactly while it is open (unlink(2))", FileInvariants::check));
    list.add(of("semaphores", "every semaphore's count is >= 0 and it has sleepers only while"
        + " its count is 0; a Lock's unit is in the count, a woken waiter or one holder"
        + " (sem_overview(7), B27, B29)", k -> k.semaphores().violation()));
    return List.copyOf(list);
  }

  /** Runs every invariant; throws {@link InvariantViolation} on the first that fails. */
  public void check() {
    long now = kernel.now();
    if (now < lastTime) {
      throw new InvariantViolation("clock-monotonic", "virtual time went back from " + lastTime
          + " ns to " + now + " ns");
    }
    lastTime = now;
    if (!kernel.queue().isEmpty() && kernel.queue().peekTime() < now) {
      throw new InvariantViolation("clock-monotonic", "an event is pending at "
          + kernel.queue().peekTime() + " ns, before now (" + now + " ns)");
    }
    for (Invariant inv : invariants) {
      String v = inv.violation(kernel);
      if (v != null) {
        throw new InvariantViolation(inv.name(), "at " + now + " ns: " + v);
      }
    }
  }


  private static String pidReferences(Kernel k) {
    ProcessTable t = k.table();
    IntIntHashMap refs = new IntIntHashMap();
    t.forEach(p -> {
      refs.addToValue(p.pid(), 1);
      refs.addToValue(p.pgid(), 1);
      refs.addToValue(p.sid(), 1);
    });
    k.winObjects().forEachObjectPid(pid -> refs.addToValue(pid, 1)); // A6: objects hold PIDs
    for (int pid = 1; pid <= t.maxPid(); pid++) {
      int want = refs.get(pid);
      int have = t.pids().references(pid);
      if (want != have) {
        return "PID " + pid + " has " + have + " references, but " + want
            + " processes, groups and sessions use it";
      }
    }
    return null;
  }

  private static String openFiles(Kernel k) {
    ProcessTable t = k.table();
    // identity maps for counting only; every report walks the processes in PID order
    java.util.IdentityHashMap<OpenFile, int[]> slots = new java.util.IdentityHashMap<>();
    java.util.IdentityHashMap<Pipe, int[]> ends = new java.util.IdentityHashMap<>();
    t.forEach(p -> {
      FdTable files = p.files();
      for (int fd = 0; files != null && fd < files.capacity(); fd++) {
        OpenFile f = files.get(fd);
        boolean first = f != null && slots.computeIfAbsent(f, x -> new int[1])[0]++ == 0;
        if (first && f.pipe() != null) {
          ends.computeIfAbsent(f.pipe(), x -> new int[2])[f.kind() == OpenFile.Kind.PIPE_READ
              ? 0 : 1]++;
        }
      }
    });
    String[] bad = {null};
    t.forEach(p -> {
      FdTable files = p.files();
      for (int fd = 0; bad[0] == null && files != null && fd < files.capacity(); fd++) {
        OpenFile f = files.get(fd);
        if (f == null) {
          continue;
        }
        int have = slots.get(f)[0];
        if (f.refs() != have) {
          bad[0] = "PID " + p.pid() + " fd " + fd + " (" + f.kind() + ") counts " + f.refs()
              + " references, but " + have + " descriptors refer to it";
        } else if (f.pipe() != null) {
          int[] e = ends.get(f.pipe());
          if (f.pipe().readers() != e[0] || f.pipe().writers() != e[1]) {
            bad[0] = "PID " + p.pid() + " fd " + fd + ": the pipe counts " + f.pipe().readers()
                + " readers and " + f.pipe().writers() + " writers, but " + e[0] + " and " + e[1]
                + " descriptions are open";
          }
        }
      }
    });
    return bad[0];
  }

  private static String parentAlive(Kernel k) {
    ProcessTable t = k.table();
    String[] bad = {null};
    t.forEach(p -> {
      if (bad[0] != null || p.pid() == 1) {
        return;
      }
      if (p.ppid() == 0 && k.winObjects().createdByCreateProcess(p.pid())) {
        return; // A26: a CreateProcess child is nobody's Linux child
      }
      Process parent = t.get(p.ppid());
      if (parent == null || !parent.state().isAlive()) {
        bad[0] = "pid " + p.pid() + " (" + p.state() + ") has parent " + p.ppid() + " which is "
            + (parent == null ? "gone" : parent.state());
        return;
      }
      int seen = 0;
      for (int c : parent.children().toArray()) {
        seen += c == p.pid() ? 1 : 0;
      }
      if (seen != 1) {
        bad[0] = "pid " + p.pid() + " appears " + seen + " times in parent " + p.ppid()
            + "'s child list";
      }
    });
    if (bad[0] == null) {
      t.forEach(p -> {
        for (int c : p.children().toArray()) {
          Process child = t.get(c);
          if (bad[0] == null && (child == null || child.ppid() != p.pid())) {
            bad[0] = "pid " + p.pid() + " lists child " + c + " which "
                + (child == null ? "does not exist" : "names parent " + child.ppid());
          }
        }
      });
    }
    return bad[0];
  }

  private static String zombieReleased(Kernel k) {
    String[] bad = {null};
    k.table().forEach(p -> {
      if (bad[0] == null && p.state() == TaskState.EXIT_ZOMBIE) {
        if (p.mm() != null || p.files() != null || p.wakeAt() >= 0 || !p.children().isEmpty()) {
          bad[0] = "zombie pid " + p.pid() + " still holds " + (p.mm() != null ? "memory"
              : p.files() != null ? "files" : p.wakeAt() >= 0 ? "a timer" : "children");
        } else if (k.scheduler().cpuOf(p.pid()) != null || k.scheduler().isQueued(p.pid())) {
          bad[0] = "zombie pid " + p.pid() + " is scheduled";
        } else if (p.signals().pending() != 0 || p.signals().queuedRealtime() != 0) {
          bad[0] = "zombie pid " + p.pid() + " has pending signals";
        } else if (p.timers().armed()) {
          bad[0] = "zombie pid " + p.pid() + " has an armed interval timer";
        }
      }
    });
    return bad[0];
  }

  private static String uncatchable(Kernel k) {
    String[] bad = {null};
    k.table().forEach(p -> {
      if (bad[0] != null || p.signals() == null) {
        return;
      }
      if ((p.signals().blocked() & Signals.UNBLOCKABLE) != 0) {
        bad[0] = "pid " + p.pid() + " blocks SIGKILL or SIGSTOP";
      } else if (p.signals().handler(Signals.SIGKILL) != 0 || p.signals().handler(Signals.SIGSTOP) != 0) {
        bad[0] = "pid " + p.pid() + " has a disposition for SIGKILL or SIGSTOP";
      }
    });
    return bad[0];
  }

  private static String scheduling(Kernel k) {
    Scheduler s = k.scheduler();
    IntIntHashMap seen = new IntIntHashMap();
    for (int pid : s.queuedPids()) {
      seen.addToValue(pid, 1);
    }
    for (int i = 0; i < s.cpuCount(); i++) {
      Cpu c = s.cpu(i);
      if (c.current() != 0) {
        seen.addToValue(c.current(), 1);
      }
    }
    String[] bad = {null};
    k.table().forEach(p -> {
      int n = seen.get(p.pid());
      boolean runnable = p.state() == TaskState.TASK_RUNNING && !p.isBuiltin();
      if (bad[0] == null && (runnable ? n != 1 : n != 0)) {
        bad[0] = "pid " + p.pid() + " (" + p.state() + ") is on CPUs or queued " + n + " times";
      }
    });
    return bad[0];
  }

  private static String uidCounts(Kernel k) {
    IntIntHashMap counts = new IntIntHashMap();
    k.table().forEach(p -> counts.addToValue(p.uid(), 1));
    String[] bad = {null};
    counts.forEachKeyValue((uid, n) -> {
      if (bad[0] == null && k.table().countForUid(uid) != n) {
        bad[0] = "uid " + uid + " owns " + n + " processes but is counted "
            + k.table().countForUid(uid);
      }
    });
    return bad[0];
  }
}
