package io.simkernel.kernel.proc;

import io.simkernel.api.program.ProgramImage;
import io.simkernel.kernel.mm.AddressSpace;
import io.simkernel.kernel.signal.SignalState;
import io.simkernel.kernel.wait.WaitQueue;

/**
 * One simulated process: Linux's {@code task_struct} for a single-threaded process. Identity and
 * family (pid, parent, children in creation order), the user-visible CPU context (registers, pc,
 * sp), the image and address space, limits, accounting, and links to state owned by other
 * subsystems (the {@link SignalState}, the {@link WaitQueue} its wait calls sleep on).
 *
 * <p>The lifecycle state changes only through {@link ProcessTable#advance}, which checks the edge
 * against {@link TaskState}'s table and traces it.
 */
public final class Process {
  /** Number of general registers r0..r15. */
  public static final int REGISTERS = 16;

  /** Number of resource limits (RLIMIT_CPU .. RLIMIT_RTTIME, and room to spare). */
  private static final int RLIM_COUNT = 16;

  private final int pid;
  private int ppid;
  private int pgid;
  private int sid;
  private int uid;
  TaskState state = TaskState.TASK_RUNNING;
  private boolean exiting;
  private int exitStatus;
  final ChildList children = new ChildList();
  private final long startNs;

  // user context
  private final long[] regs = new long[REGISTERS];
  private int pc;
  private long sp;
  private long computeLeft;
  private ProgramImage image;
  private AddressSpace mm;
  private String[] argv = new String[0];
  private String comm;

  // kernel-side attributes
  /**
   * Resource limits: soft at [res], hard at [RLIM_COUNT + res]. Shared copy-on-write with the
   * fork parent or children ({@link #rlimShared}): most processes never call setrlimit, so a
   * fork costs no copy (FK-3's inheritance is unchanged: a write copies before it changes).
   */
  private long[] rlim = new long[2 * RLIM_COUNT];
  private boolean rlimShared;
  private boolean subreaper;
  private int pdeathsig;
  private SignalState signals;
  private io.simkernel.kernel.signal.ITimers timers = new io.simkernel.kernel.signal.ITimers();
  private io.simkernel.kernel.ipc.FdTable files;
  private final WaitQueue childWait = new WaitQueue();
  private WaitQueue blockedOn;
  private long wakeAt = -1;
  /** Bytes a blocked pipe write has already written (it sleeps mid-way when over PIPE_BUF). */
  private long ioDone;
  private int vforkParent;
  private int vforkChild;
  private boolean execed;
  private int restartCode;
  private boolean inSyscall;
  private int timerGen;
  private long lastError;
  private boolean sharesParentMm;
  private int stopReport;
  private boolean continueReport;
  private boolean builtin;

  // accounting (getrusage)
  private long userNs;
  private long sysNs;
  private long minorFaults;
  private long majorFaults;
  private long childUserNs;
  private long childSysNs;
  private long childMinorFaults;
  private long childMajorFaults;

  Process(int pid, int ppid, long startNs) {
    this.pid = pid;
    this.ppid = ppid;
    this.startNs = startNs;
  }

  public int pid() { return pid; }
  public int ppid() { return ppid; }
  void setPpid(int p) { ppid = p; }
  public int pgid() { return pgid; }
  public void setPgid(int g) { pgid = g; }
  public int sid() { return sid; }
  public void setSid(int s) { sid = s; }
  public int uid() { return uid; }
  public void setUid(int u) { uid = u; }
  public TaskState state() { return state; }
  public boolean isExiting() { return exiting; }
  void markExiting() { exiting = true; }
  /** The wait status word (TM-3) once the process has terminated. */
  public int exitStatus() { return exitStatus; }
  void setExitStatus(int s) { exitStatus = s; }
  /** Children in list order (FK-7, RP-3); do not modify. */
  public ChildList children() { return children; }
  public long startNs() { return startNs; }

  /** The register file, for the VM and the kernel's syscall ABI (results in r0, r1...). */
  public long[] regs() { return regs; }
  public int pc() { return pc; }
  public void setPc(int p) { pc = p; }
  public long sp() { return sp; }
  public void setSp(long s) { sp = s; }
  /** Remaining ns of a {@code compute} split by preemption or interruption; 0 when none. */
  public long computeLeft() { return computeLeft; }
  public void setComputeLeft(long ns) { computeLeft = ns; }
  /** The running image, or null for the kernel's built-in init. */
  public ProgramImage image() { return image; }
  public void setImage(ProgramImage i) { image = i; comm = null; }
  public AddressSpace mm() { return mm; }
  public void setMm(AddressSpace m) { mm = m; }
  public String[] argv() { return argv; }
  public void setArgv(String[] a) { argv = a; comm = null; }
  /**
   * The command name, as {@code comm}: the last path component of the image (or argv[0]);
   * computed once per image, since every fork and exit event carries it.
   */
  public String comm() {
    if (comm == null) {
      String p = image != null ? image.path() : argv.length > 0 ? argv[0] : "init";
      comm = p.substring(p.lastIndexOf('/') + 1);
    }
    return comm;
  }
  /** A fork child has its parent's image and name: share the computed name too. */
  void inheritComm(Process parent) { comm = parent.comm; }

  public long rlimitSoft(int res) { return rlim[res]; }
  public long rlimitHard(int res) { return rlim[RLIM_COUNT + res]; }
  public void setRlimit(int res, long soft, long hard) {
    if (rlimShared) {
      rlim = rlim.clone(); // the other sharers keep the old values
      rlimShared = false;
    }
    rlim[res] = soft;
    rlim[RLIM_COUNT + res] = hard;
  }
  /** Fork: the child starts with the parent's limits, shared until either side changes one. */
  void copyLimitsFrom(Process p) {
    rlim = p.rlim;
    rlimShared = true;
    p.rlimShared = true;
  }
  public boolean isSubreaper() { return subreaper; }
  public void setSubreaper(boolean s) { subreaper = s; }
  public int pdeathsig() { return pdeathsig; }
  public void setPdeathsig(int s) { pdeathsig = s; }
  /** The descriptor table, or null once the process has exited (ST-4). */
  public io.simkernel.kernel.ipc.FdTable files() { return files; }
  public void setFiles(io.simkernel.kernel.ipc.FdTable f) { files = f; }
  public SignalState signals() { return signals; }
  /** The interval timers (alarm, setitimer). */
  public io.simkernel.kernel.signal.ITimers timers() { return timers; }
  public void setTimers(io.simkernel.kernel.signal.ITimers t) { timers = t; }
  public void setSignals(SignalState s) { signals = s; }
  /** The queue this process's wait calls sleep on ({@code wait_chldexit}). */
  public WaitQueue childWait() { return childWait; }
  /** The queue the process sleeps on, or null. */
  public WaitQueue blockedOn() { return blockedOn; }
  public void setBlockedOn(WaitQueue q) { blockedOn = q; }
  /** Virtual time of a timed sleep's end, or -1. */
  public long wakeAt() { return wakeAt; }
  public void setWakeAt(long t) { wakeAt = t; }
  public long ioDone() { return ioDone; }
  public void setIoDone(long n) { ioDone = n; }
  /** The vfork parent waiting for this child's exec or exit, or 0 (VF-1). */
  public int vforkParent() { return vforkParent; }
  public void setVforkParent(int p) { vforkParent = p; }
  /** The vfork child this parent waits for, or 0. */
  public int vforkChild() { return vforkChild; }
  public void setVforkChild(int c) { vforkChild = c; }
  /** Whether the process has completed an execve since fork (EX-7). */
  public boolean hasExeced() { return execed; }
  public void setExeced(boolean e) { execed = e; }

  /** The kernel-internal restart code of an interrupted system call (ERESTART*), or 0. */
  public int restartCode() { return restartCode; }
  public void setRestartCode(int c) { restartCode = c; }
  /** Whether the process sleeps inside a system call that must be executed again on wake-up. */
  public boolean inSyscall() { return inSyscall; }
  public void setInSyscall(boolean b) { inSyscall = b; }
  /** Generation of the process's sleep timer; a timer event of another generation is stale. */
  public int timerGen() { return timerGen; }
  /** Starts a new timer generation, making any pending timer event of this process stale. */
  public int nextTimerGen() { return ++timerGen; }

  /** A vfork child that has not exec'd yet runs in its parent's address space (VF-1). */
  public boolean sharesParentMm() { return sharesParentMm; }
  public void setSharesParentMm(boolean b) { sharesParentMm = b; }
  /** The signal of a stop not yet reported to a WUNTRACED wait, or 0 (WT-10). */
  public int stopReport() { return stopReport; }
  public void setStopReport(int sig) { stopReport = sig; }
  /** Whether a continue is not yet reported to a WCONTINUED wait (WT-11). */
  public boolean continueReport() { return continueReport; }
  public void setContinueReport(boolean b) { continueReport = b; }
  /** The kernel's built-in init: runs no user code, reaps what it is given (ZB-4). */
  public boolean isBuiltin() { return builtin; }
  public void setBuiltin(boolean b) { builtin = b; }

  /** The Win32 thread's last-error value (GetLastError). */
  public long lastError() { return lastError; }
  public void setLastError(long e) { lastError = e; }

  public long userNs() { return userNs; }
  public long sysNs() { return sysNs; }
  public void chargeUser(long ns) { userNs += ns; }
  public void chargeSys(long ns) { sysNs += ns; }
  public long minorFaults() { return minorFaults; }
  public long majorFaults() { return majorFaults; }
  public void countMinorFault() { minorFaults++; }
  public long childUserNs() { return childUserNs; }
  public long childSysNs() { return childSysNs; }
  public long childMinorFaults() { return childMinorFaults; }
  public long childMajorFaults() { return childMajorFaults; }
  /** At reaping, the child's usage and its own reaped children's join the parent's totals (WT-9). */
  void addChildUsage(Process c) {
    childUserNs += c.userNs + c.childUserNs;
    childSysNs += c.sysNs + c.childSysNs;
    childMinorFaults += c.minorFaults + c.childMinorFaults;
    childMajorFaults += c.majorFaults + c.childMajorFaults;
  }

  @Override
  public String toString() {
    return "pid " + pid + " (" + comm() + ", " + state.letter() + ")";
  }
}
