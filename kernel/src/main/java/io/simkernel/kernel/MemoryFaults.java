package io.simkernel.kernel;

import io.simkernel.api.Signals;
import io.simkernel.api.program.Op;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.mm.AddressSpace;
import io.simkernel.kernel.mm.MemoryFault;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.sched.CostModel;
import io.simkernel.kernel.sched.Cpu;

/**
 * The kernel's side of a page fault, as arch/x86/mm/fault.c {@code do_user_addr_fault}: a fault
 * the address space can resolve ({@link AddressSpace#fault}) is counted as a minor fault
 * (getrusage's {@code ru_minflt}), traced as {@code page_fault_user} and charged — a copy-on-write
 * copy {@code cowFaultNs}, any other {@code minorFaultNs}, plus {@code forkPerPteNs} per entry
 * when tables shared by an {@code ondemand} fork had to be copied; an access outside every
 * mapping or against its protection raises SIGSEGV with SEGV_MAPERR or SEGV_ACCERR; no free
 * frame calls the {@link OomKiller}. An access to shared memory that another process may use
 * concurrently is executed here, at the fault's virtual time (DESIGN.md rule 2).
 */
final class MemoryFaults {
  /** {@link #handle}: the process gave up its CPU (to wait for memory); dispatch another. */
  static final long YIELDED = -1;
  /** {@link #handle}: the CPU has a segment set up whose stop is to be scheduled as usual. */
  static final long STEPPED = -2;

  private final Kernel k;

  MemoryFaults(Kernel k) {
    this.k = k;
  }

  /**
   * Handles the fault CPU {@code c} stopped on at {@code now}. Returns the virtual time the
   * process returns to user mode at, or {@link #YIELDED} or {@link #STEPPED}.
   */
  long handle(Cpu c, Process p, long now) {
    int code = c.faultCode();
    long addr = c.faultAddress();
    // a store instruction faults as a write even where the VM first read the old word (undo log)
    boolean write = c.faultWrite() || storesAt(p);
    switch (code) {
      case MemoryFault.NOT_PRESENT, MemoryFault.WRITE_PROTECT -> {
        int kind = p.mm().fault(addr, write);
        if (kind == AddressSpace.OOM) {
          return outOfMemory(c, p, now);
        }
        long cost = account(p, addr, write, kind);
        p.chargeSys(cost);
        return now + cost;
      }
      case MemoryFault.SYNC -> {
        return step(c, p, now);
      }
      default -> {
        k.signalOps().force(p, Signals.SIGSEGV, code); // SEGV_MAPERR = 1, SEGV_ACCERR = 2
        return now;
      }
    }
  }

  private static boolean storesAt(Process p) {
    if (p.image() == null || p.pc() < 0 || p.pc() >= p.image().length()) {
      return false;
    }
    Op op = Op.ofOrdinal(p.image().op(p.pc()));
    return op == Op.STORE || op == Op.STOREB || op == Op.CALL;
  }

  /**
   * Counts, traces and prices one resolved fault (not charged to the process: the caller does).
   * Returns its cost.
   */
  long account(Process p, long addr, boolean write, int kind) {
    CostModel cost = k.cost();
    long tables = p.mm().lastFaultTableEntries() * cost.forkPerPteNs();
    if (kind == AddressSpace.SPURIOUS) {
      return tables;
    }
    p.countMinorFault();
    k.stats().minorFaults++;
    k.trace().emit(EventKind.PAGE_FAULT_USER, p.pid(), addr, write ? 1 : 0, kind);
    return tables + (kind == AddressSpace.COW_COPY ? cost.cowFaultNs() : cost.minorFaultNs());
  }

  /**
   * Faults the kernel's own accesses to user memory took (copy_to_user in a signal frame, exec's
   * argv): counted like the process's, charged at {@code minorFaultNs}. Returns their cost.
   */
  long kernelFaults(Process p) {
    AddressSpace mm = p.mm();
    int n = mm == null ? 0 : mm.takeKernelFaults();
    for (int i = 0; i < n; i++) {
      p.countMinorFault();
    }
    k.stats().minorFaults += n;
    long cost = n * k.cost().minorFaultNs();
    p.chargeSys(cost);
    return cost;
  }

  /**
   * A shared-memory access: the instruction runs now, alone, with the kernel's permission, and
   * cannot be rolled back afterwards (its undo log is dropped).
   */
  private long step(Cpu c, Process p, long now) {
    AddressSpace mm = p.mm();
    mm.permitShared(true);
    try {
      k.scheduler().startSegment(c, p, now, now + k.cost().instructionNs());
    } finally {
      mm.permitShared(false);
    }
    c.undoLog().clear();
    long end = c.stopTime();
    p.chargeUser(end - now);
    k.scheduler().chargeBusy(c, end - now);
    if (c.stop() == Cpu.Stop.FAULT) {
      return handle(c, p, end);
    }
    if (c.stop() == Cpu.Stop.SLICE) {
      return end;
    }
    k.scheduler().park(c, c.stop(), end); // main returned, a trap...: handled at its time
    return STEPPED;
  }

  /** No frame: the OOM killer picks a victim; unless it is this process, it waits its turn. */
  private long outOfMemory(Cpu c, Process p, long now) {
    Process victim = k.oom().outOfMemory(p);
    if (victim == p) {
      return now; // SIGKILL is delivered on the way back to user mode
    }
    k.scheduler().release(c);
    k.scheduler().enqueue(p.pid());
    return YIELDED;
  }
}
