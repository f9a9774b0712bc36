package io.simkernel.kernel.check;

import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.TaskState;
import io.simkernel.kernel.win.HandleTable;
import io.simkernel.kernel.win.JobObject;
import io.simkernel.kernel.win.ProcessObject;
import io.simkernel.kernel.win.ThreadObject;
import io.simkernel.kernel.win.WinObject;
import io.simkernel.kernel.win.WinObjects;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Windows personality's invariants (createprocess-and-multiprocessing Part A): handles refer
 * to live objects and are counted exactly; a process object keeps its PID; jobs and their members
 * agree. Identity maps are used for counting only; every report walks tables in PID order.
 */
final class WinInvariants {
  private WinInvariants() {}

  static List<Invariant> all() {
    return List.of(
        Invariant.of("win-handles", "no handle refers to a freed object; an object's handle count"
            + " equals the handle-table entries referring to it; only live processes have"
            + " handle tables (A21, A25)", WinInvariants::handles),
        Invariant.of("win-process-objects", "a process object with open handles keeps its PID: the"
            + " number is allocated and names no other process; a live process's object is not"
            + " signalled and an exited one's is (A6, A21, A25)", WinInvariants::processObjects),
        Invariant.of("win-jobs", "a job's members are live processes whose object names that job,"
            + " each listed once; a process object's job lists it (A27)", WinInvariants::jobs));
  }


  private static String handles(Kernel k) {
    WinObjects w = k.winObjects();
    Map<WinObject, int[]> counted = new IdentityHashMap<>();
    for (Map.Entry<Integer, HandleTable> e : w.tables().entrySet()) {
      Process owner = k.table().get(e.getKey());
      if (owner == null || owner.state() == TaskState.EXIT_ZOMBIE
          || owner.state() == TaskState.EXIT_DEAD) {
        return "pid " + e.getKey() + " has terminated but still has a handle table";
      }
      HandleTable t = e.getValue();
      for (int h : t.handles()) {
        WinObject o = t.get(h);
        if (o.isFreed()) {
          return "pid " + e.getKey() + " handle 0x" + Integer.toHexString(h) + " refers to freed "
              + o;
        }
        counted.computeIfAbsent(o, x -> new int[1])[0]++;
      }
    }
    for (Map.Entry<Integer, HandleTable> e : w.tables().entrySet()) {
      for (int h : e.getValue().handles()) {
        WinObject o = e.getValue().get(h);
        if (o.handles() != counted.get(o)[0]) {
          return o + " counts " + o.handles() + " handles, but " + counted.get(o)[0]
              + " handle-table entries refer to it";
        }
      }
    }
    return null;
  }

  private static String processObjects(Kernel k) {
    for (ProcessObject o : k.winObjects().processObjects()) {
      if (o.isFreed()) {
        return "freed process object " + o.pid() + " is still registered";
      }
      if (k.table().pids().references(o.pid()) == 0) {
        return "process object " + o.pid() + " exists but its PID is free";
      }
      Process p = k.table().get(o.pid());
      boolean running = p != null && p.state().isAlive();
      if (running && !o.isAlive()) {
        return "process object " + o.pid() + " is signalled but its process runs";
      }
      if (p == null && o.isAlive()) {
        return "process object " + o.pid() + " is not signalled but its process is gone";
      }
      if (!o.isAlive() && o.handles() == 0 && !threadOf(o)) {
        return "process object " + o.pid() + " has exited and nothing refers to it, yet it is"
            + " not freed";
      }
    }
    return null;
  }

  private static boolean threadOf(ProcessObject o) {
    return o.thread() != null && o.thread().handles() > 0;
  }

  private static String jobs(Kernel k) {
    for (JobObject j : k.winObjects().jobs()) {
      if (j.isFreed()) {
        return "freed job " + j.id() + " is still registered";
      }
      int[] m = j.members().toArray();
      for (int i = 0; i < m.length; i++) {
        ProcessObject o = k.winObjects().processObject(m[i]);
        if (o == null || o.job() != j || !o.isAlive()) {
          return "job " + j.id() + " lists pid " + m[i] + ", which is not a live member";
        }
        for (int x = i + 1; x < m.length; x++) {
          if (m[x] == m[i]) {
            return "job " + j.id() + " lists pid " + m[i] + " twice";
          }
        }
      }
    }
    for (ProcessObject o : k.winObjects().processObjects()) {
      if (o.job() != null && (o.job().isFreed() || !o.job().members().contains(o.pid()))) {
        return "process object " + o.pid() + " names job " + o.job().id()
            + ", which does not list it";
      }
    }
    return null;
  }
}
