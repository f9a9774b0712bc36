package io.simkernel.kernel;

import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.TaskState;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

/** Counters and the fate of processes, gathered during a run for its {@link RunResult}. */
final class RunStats {
  long execs;
  long signals;
  long minorFaults;
  long contextSwitches;
  long syscalls;
  int mainStatus = -1;
  int mainStatusOverride = -1;
  /** What {@code metric name, value} recorded. */
  final Metrics metrics = new Metrics();

  private record Exit(int pid, int ppid, String comm, int status, long exitNs) {}

  private final List<Exit> exits = new ArrayList<>();
  private final List<Integer> reapers = new ArrayList<>();
  private final IntIntHashMap indexByPid = new IntIntHashMap();

  void recordExit(Process p, int status, long t) {
    if (exits.size() >= RunResult.MAX_RECORDS) {
      return;
    }
    indexByPid.put(p.pid(), exits.size());
    exits.add(new Exit(p.pid(), p.ppid(), p.comm(), status, t));
    reapers.add(0);
  }

  void recordReap(int pid, int reaper) {
    if (indexByPid.containsKey(pid)) {
      reapers.set(indexByPid.get(pid), reaper);
    }
  }

  RunResult result(Kernel k, StopReason reason, String detail, long wallNs) {
    List<ProcessRecord> done = new ArrayList<>();
    for (int i = 0; i < exits.size(); i++) {
      Exit e = exits.get(i);
      Process still = k.table().get(e.pid());
      char state = still != null && still.state() == TaskState.EXIT_ZOMBIE ? 'Z' : 'X';
      done.add(new ProcessRecord(e.pid(), e.ppid(), e.comm(), state, e.status(), e.exitNs(),
          reapers.get(i)));
    }
    List<ProcessRecord> alive = new ArrayList<>();
    List<ProcessRecord> zombies = new ArrayList<>();
    k.table().forEach(p -> {
      if (p.pid() == 1 && p.isBuiltin()) {
        return;
      }
      if (p.state() == TaskState.EXIT_ZOMBIE) {
        zombies.add(new ProcessRecord(p.pid(), p.ppid(), p.comm(), 'Z', p.exitStatus(), 0, 0));
      } else if (p.state().isAlive()) {
        alive.add(new ProcessRecord(p.pid(), p.ppid(), p.comm(), p.state().letter(), -1, 0, 0));
      }
    });
    int status = mainStatusOverride >= 0 ? mainStatusOverride : mainStatus;
    return new RunResult(reason, detail, k.mainPid(), status, k.now(), wallNs, k.trace().events(),
        k.trace().hash(), k.vm().executed() + syscalls, processes, forks, execs, signals, minorFaults,
        List.copyOf(done), List.copyOf(alive), List.copyOf(zombies), k.memoryReport().result(),
        metrics.snapshot());
  }

  /** Processes created, init included. */
  long processes;
  /** Successful fork and vfork calls. */
  long forks;
}
