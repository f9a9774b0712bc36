package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.program.Op;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.ipc.FdTable;
import io.simkernel.kernel.ipc.OpenFile;
import io.simkernel.kernel.ipc.Pipe;
import io.simkernel.kernel.loader.Loader;
import io.simkernel.kernel.mm.MemoryFault;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.sched.Cpu;
import io.simkernel.kernel.signal.Delivery;
import io.simkernel.kernel.signal.SigInfo;
import io.simkernel.kernel.vm.Interpreter;
import io.simkernel.kernel.vm.Operands;
import io.simkernel.kernel.signal.SignalOps;
import io.simkernel.kernel.wait.ChildWait;
import java.nio.charset.StandardCharsets;

/**
 * The system-call table: decodes a calling instruction's operands and runs the call, leaving
 * results in registers by the raw Linux convention ({@code r0} = result or {@code -errno}, extra
 * results in {@code r1}...). Each call reports an outcome that tells the kernel how the process
 * continues. Calls that a later part of the simulator will implement answer {@code -ENOSYS}
 * (Windows calls: failure with {@code ERROR_CALL_NOT_IMPLEMENTED}), as docs/scenario-language.md
 * lists.
 */
final class Syscalls {
  /** The call completed: the process continues after the instruction. */
  static final int DONE = 0;
  /** The call was interrupted: pc stays on it, restart code set, signals decide (Delivery). */
  static final int RESTART = 1;
  /** The process sleeps; the call is executed again when it wakes. */
  static final int BLOCKED = 2;
  /** The process exited; its CPU has been handed on. */
  static final int EXITED = 3;
  /** The process now runs a new image from its entry point. */
  static final int EXECED = 4;
  /** The process gives up the CPU and continues after the instruction. */
  static final int YIELD = 5;

  /** Win32 ERROR_CALL_NOT_IMPLEMENTED. */
  static final long ERROR_CALL_NOT_IMPLEMENTED = 120;
  /** RLIMIT_NOFILE's default soft limit: descriptors are below it. */
  private static final int MAX_FDS = 1024;

  private final Kernel k;
  private final long[] out = new long[8];
  private long cost;
  private Cpu cpu;
  private Process p;
  private ProgramImage img;
  private int pc;

  private final FileCalls files;
  private final LimitCalls limits;
  private final TimeCalls time;

  Syscalls(Kernel k) {
    this.k = k;
    this.files = new FileCalls(k);
    this.limits = new LimitCalls(k);
    this.time = new TimeCalls(k);
  }

  /** Virtual time the last call cost. */
  long cost() {
    return cost;
  }

  int execute(Cpu c, Process proc) {
    cpu = c;
    p = proc;
    img = p.image();
    pc = p.pc();
    cost = k.cost().syscallNs();
    Op op = Op.ofOrdinal(img.op(pc));
    if (k.mpCalls().owns(p)) {
      return mp(op); // the multiprocessing runtime's exit hook, not the instruction at pc
    }
    return switch (op) {
      case PRINT, EPRINT -> print(op == Op.PRINT ? 1 : 2);
      case FORK, VFORK -> fork(op == Op.VFORK);
      case EXECVE -> execve();
      case EXIT -> exit(WaitStatus.exited(arg(0)));
      case GETPID, GET_CURRENT_PROCESS_ID -> ret(p.pid());
      case GETPPID -> ret(p.ppid());
      case GETUID -> ret(p.uid());
      case SETUID -> limits.setuid(p, arg(0));
      case GETRLIMIT -> limits.getrlimit(p, arg(0));
      case SETRLIMIT -> limits.setrlimit(p, arg(0), arg(1));
      case PRCTL -> limits.prctl(p, arg(0), count() > 1 ? arg(1) : 0);
      case GETRUSAGE -> limits.getrusage(p, arg(0));
      case WAIT -> waitpid(-1, 0);
      case WAITPID -> waitpid(arg(0), arg(1));
      case WAITID -> waitid(arg(0), arg(1), arg(2));
      case KILL -> ret(k.signalOps().kill(p, arg(0), arg(1)));
      case KILLPG -> ret(k.signalOps().killpg(p, arg(0), arg(1)));
      case RAISE -> raise(arg(0));
      case SIGNAL -> sigaction(arg(0), arg(1), Constants.SA_RESTART, 0);
      case SIGACTION -> sigaction(arg(0), arg(1), count() > 2 ? arg(2) : 0,
          count() > 3 ? arg(3) : 0);
      case SIGPROCMASK -> sigprocmask(arg(0), arg(1));
      case SIGPENDING -> ret(0, k.signalOps().sigpending(p));
      case PAUSE -> pause();
      case SIGSUSPEND -> sigsuspend(arg(0));
      case SIGQUEUE -> ret(k.signalOps().sigqueue(p, arg(0), arg(1), arg(2)));
      case ALARM -> time.alarm(p, arg(0));
      case SETITIMER -> time.setitimer(p, arg(0), arg(1), arg(2));
      case GETITIMER -> time.getitimer(p, arg(0));
      case SLEEP, NANOSLEEP -> time.sleep(p, arg(0));
      case CLOCK -> ret(k.now());
      case YIELD -> YIELD;
      case GETPGRP -> ret(p.pgid());
      case GETPGID -> getpgid(arg(0), false);
      case GETSID -> getpgid(arg(0), true);
      case SETPGID -> ret(Groups.setpgid(k.table(), p, arg(0), arg(1)));
      case SETPGRP -> ret(Groups.setpgid(k.table(), p, 0, 0));
      case SETSID -> ret(Groups.setsid(k.table(), p));
      case WRITE -> write(arg(0), arg(2));
      case READ -> read(arg(0), arg(2));
      case PIPE -> pipe();
      case CLOSE -> ret(p.files().close(arg(0)));
      case DUP2 -> dup2(arg(0), arg(1));
      case OPEN -> fileRet(files.open(p, pathArg(0), arg(1), count() > 2 ? arg(2) : 0666));
      case UNLINK -> fileRet(files.unlink(p, pathArg(0)));
      case GET_LAST_ERROR -> ret(p.lastError());
      case METRIC -> metric(str(0), arg(1));
      case MMAP -> mem(k.memorySyscalls().mmap(p, arg(0), arg(1), arg(2),
          count() > 3 ? arg(3) : -1, count() > 4 ? arg(4) : 0));
      case MUNMAP -> mem(k.memorySyscalls().munmap(p, arg(0), arg(1)));
      case MPROTECT -> mem(k.memorySyscalls().mprotect(p, arg(0), arg(1), arg(2)));
      case MADVISE -> mem(k.memorySyscalls().madvise(p, arg(0), arg(1), arg(2)));
      case BRK -> mem(k.memorySyscalls().brk(p, arg(0)));
      case TOUCH -> mem(k.memorySyscalls().touch(p, arg(0), arg(1), arg(2)));
      case CREATE_PROCESS, WAIT_FOR_SINGLE_OBJECT, GET_EXIT_CODE_PROCESS, TERMINATE_PROCESS,
          EXIT_PROCESS, CLOSE_HANDLE, RESUME_THREAD, SUSPEND_THREAD, OPEN_PROCESS,
          SET_HANDLE_INFORMATION, CREATE_JOB_OBJECT, ASSIGN_PROCESS_TO_JOB_OBJECT,
          SET_INFORMATION_JOB_OBJECT, TERMINATE_JOB_OBJECT, WIN_SLEEP -> win32(op);
      case SEM_OPEN -> ret(k.mpCalls().semOpen(str(0), arg(1)));
      case SEM_WAIT -> k.mpCalls().semWait(p, arg(0));
      case SEM_POST -> ret(k.mpCalls().semPost(p, arg(0)));
      default -> op.kind() == Op.Kind.MP ? mp(op) : notImplemented(op);
    };
  }

  // ------------------------------------------------------------------ operands and results

  private int count() {
    return img.operandCount(pc);
  }

  private long arg(int i) {
    return Interpreter.value(img, pc, i, p.regs());
  }

  /** A string operand: a literal, or a value holding the address of a NUL-terminated string. */
  private String str(int i) {
    return Operands.string(img, pc, i, p.regs(), p.mm(), Loader.PATH_MAX + 1);
  }

  /** A path operand, or null when its address faults (the file calls answer -EFAULT). */
  private String pathArg(int i) {
    try {
      return str(i);
    } catch (MemoryFault f) {
      return null;
    }
  }

  /** A file call's result (FileCalls), with its cost. */
  private int fileRet(long r) {
    cost += files.cost();
    return ret(r);
  }

  /** A memory call's result (MemorySyscalls): its cost, or touch's sleep or restart. */
  private int mem(long r) {
    cost += k.memorySyscalls().cost();
    if (r == MemorySyscalls.BLOCK) {
      return BLOCKED;
    }
    return r == MemorySyscalls.RESTART ? interrupted(Delivery.ERESTARTNOINTR) : ret(r);
  }

  /** Leaves a result in r0 (and r1): the raw Linux convention; the call is done. */
  static int result(Process p, long r0) {
    p.regs()[0] = r0;
    return DONE;
  }

  static int result(Process p, long r0, long r1) {
    p.regs()[1] = r1;
    return result(p, r0);
  }

  private int ret(long r0) {
    p.regs()[0] = r0;
    return DONE;
  }

  private int ret(long r0, long r1) {
    p.regs()[1] = r1;
    return ret(r0);
  }

  /** A Windows-personality call (Win32). */
  private int win32(Op op) {
    int outcome = k.win32().call(op, cpu, p);
    cost += k.win32().cost();
    return outcome;
  }

  /** An {@code mp.*} call: the multiprocessing runtime (package mp) runs it. */
  private int mp(Op op) {
    int r = k.mpCalls().execute(cpu, p, op);
    cost += k.mpCalls().cost();
    return r;
  }

  private int notImplemented(Op op) {
    if (op.kind() == Op.Kind.SYSCALL && Character.isUpperCase(op.mnemonic().charAt(0))) {
      p.setLastError(ERROR_CALL_NOT_IMPLEMENTED); // a Win32 call fails with r0 = 0
      return ret(0);
    }
    return ret(Errno.ENOSYS.negated());
  }

  /** A sleeping call found a deliverable signal: it is interrupted with a restart code. */
  private int interrupted(int restartCode) {
    p.setRestartCode(restartCode);
    return RESTART;
  }

  /** {@code metric name, value}: recorded for the run's results; changes no register. */
  private int metric(String name, long value) {
    k.stats().metrics.record(name, value);
    return DONE;
  }

  // ------------------------------------------------------------------ output

  private int print(int fd) {
    int n = count() - 1;
    long[] args = n <= out.length ? out : new long[n];
    for (int i = 0; i < n; i++) {
      args[i] = arg(i + 1);
    }
    String fmt = str(0);
    byte[] b = Printf.format(fmt, args, n, p.mm()).getBytes(StandardCharsets.UTF_8);
    return output(fd, b, false); // print changes no register
  }

  /** Writes {@code b} to a descriptor; {@code result}: r0 gets the result (write, not print). */
  private int output(long fd, byte[] b, boolean result) {
    OpenFile f = p.files().get(fd);
    if (f != null && f.pipe() != null) {
      return pipeWrite(fd, f, b, result);
    }
    if (f != null && f.kind() == OpenFile.Kind.FILE) {
      long r = files.write(p, fd, f, b, b.length);
      cost += files.cost();
      return result ? ret(r) : DONE;
    }
    long r = writeBytes(fd, b, b.length);
    return result ? ret(r) : DONE;
  }

  private long writeBytes(long fd, byte[] b, int len) {
    OpenFile f = p.files().get(fd);
    if (f == null) {
      return Errno.EBADF.negated();
    }
    if (f.kind() == OpenFile.Kind.CONSOLE_IN) {
      return Errno.EBADF.negated(); // opened read-only
    }
    k.console().write(f.kind() == OpenFile.Kind.CONSOLE_ERR ? 2 : 1, b, 0, len);
    cost += k.cost().printPerByteNs() * len;
    k.trace().emit(EventKind.WRITE, p.pid(), fd, len, KernelTrace.bytesHash(b, 0, len));
    return len;
  }

  private int write(long fd, long len) {
    if (len < 0) {
      return ret(Errno.EINVAL.negated());
    }
    long at = memoryOperand(1);
    byte[] b = new byte[(int) Math.min(len, 1 << 20)];
    try {
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) p.mm().kernelLoadByte(at + i);
      }
    } catch (MemoryFault f) {
      return ret(Errno.EFAULT.negated());
    }
    return output(fd, b, true);
  }

  /** A memory operand's address; a string literal's address too. */
  private long memoryOperand(int i) {
    return Interpreter.address(img, pc, i, p.regs());
  }

  // ------------------------------------------------------------------ pipes (pipe(7))

  /** pipe(2): the two lowest free descriptors, r1 = read end, r2 = write end. */
  private int pipe() {
    FdTable t = p.files();
    int r = t.lowestFree(-1);
    int w = t.lowestFree(r);
    if (w >= MAX_FDS) {
      return ret(Errno.EMFILE.negated()); // RLIMIT_NOFILE
    }
    OpenFile[] ends = Pipe.create(k::wakeAll);
    t.install(r, ends[0], false);
    t.install(w, ends[1], false);
    p.regs()[2] = w;
    return ret(0, r);
  }

  /**
   * pipe_write: with no reader left, SIGPIPE to the writer (send_sig: SI_USER from itself) and
   * -EPIPE; a write of at most PIPE_BUF bytes goes in whole or sleeps; a larger one writes what
   * fits and sleeps for the rest (its progress kept in the process across wake-ups), returning
   * what it wrote when a signal or the readers' going interrupts it. Every chunk written wakes the
   * readers and is traced as a {@code write} event.
   */
  private int pipeWrite(long fd, OpenFile f, byte[] b, boolean result) {
    if (f.kind() != OpenFile.Kind.PIPE_WRITE) {
      return finishWrite(Errno.EBADF.negated(), result);
    }
    Pipe pipe = f.pipe();
    int len = b.length;
    if (len == 0) {
      return finishWrite(0, result);
    }
    int done = (int) p.ioDone();
    if (pipe.readers() == 0) {
      k.send(p, new SigInfo(Signals.SIGPIPE, (int) Constants.SI_USER, p.pid(), p.uid(), 0, 0));
      return finishWrite(done > 0 ? done : Errno.EPIPE.negated(), result);
    }
    int n = len <= Pipe.PIPE_BUF ? (pipe.free() >= len ? len : 0)
        : Math.min(pipe.free(), len - done);
    if (n > 0) {
      pipe.put(b, done, n);
      done += n;
      cost += k.cost().printPerByteNs() * n;
      k.trace().emit(EventKind.WRITE, p.pid(), fd, n, KernelTrace.bytesHash(b, done - n, n));
      k.wakeAll(pipe.readWait());
    }
    if (done == len) {
      return finishWrite(len, result);
    }
    if (SignalOps.hasDeliverable(p)) {
      if (done > 0) {
        return finishWrite(done, result);
      }
      p.setIoDone(0);
      // print changes no register: it is always restarted
      return interrupted(result ? Delivery.ERESTARTSYS : Delivery.ERESTARTNOINTR);
    }
    p.setIoDone(done);
    k.block(p, pipe.writeWait(), "pipe_write");
    return BLOCKED;
  }

  private int finishWrite(long r, boolean result) {
    p.setIoDone(0);
    return result ? ret(r) : DONE;
  }

  /**
   * read(2): the console's input gives end-of-file; a pipe gives what is buffered, up to
   * {@code len} (a partial read), sleeps while it is empty and a writer exists (-ERESTARTSYS on a
   * deliverable signal), and gives 0 at end-of-file. Bytes go to memory as copy_to_user does,
   * faulting pages in; what could not be stored stays in the pipe (-EFAULT when nothing was).
   */
  private int read(long fd, long len) {
    OpenFile f = p.files().get(fd);
    if (f != null && f.kind() == OpenFile.Kind.FILE) {
      return fileRet(files.read(p, f, memoryOperand(1), len));
    }
    if (f == null || (f.kind() != OpenFile.Kind.CONSOLE_IN
        && f.kind() != OpenFile.Kind.PIPE_READ)) {
      return ret(Errno.EBADF.negated()); // not open, or not open for reading
    }
    if (len < 0) {
      return ret(Errno.EFAULT.negated()); // a huge size_t: access_ok fails
    }
    if (f.kind() == OpenFile.Kind.CONSOLE_IN || len == 0) {
      return ret(0);
    }
    Pipe pipe = f.pipe();
    if (pipe.available() == 0) {
      if (pipe.writers() == 0) {
        return ret(0);
      }
      if (SignalOps.hasDeliverable(p)) {
        return interrupted(Delivery.ERESTARTSYS);
      }
      k.block(p, pipe.readWait(), "pipe_read");
      return BLOCKED;
    }
    long at = memoryOperand(1);
    int n = (int) Math.min(len, pipe.available());
    int copied = 0;
    p.mm().permitShared(true);
    try {
      for (; copied < n; copied++) {
        p.mm().kernelStoreByte(at + copied, pipe.peek(copied));
      }
    } catch (MemoryFault e) {
      // copy_to_user stopped short
    } finally {
      p.mm().permitShared(false);
    }
    if (copied == 0) {
      return ret(Errno.EFAULT.negated());
    }
    pipe.consume(copied);
    cost += k.cost().printPerByteNs() * copied;
    k.wakeAll(pipe.writeWait());
    return ret(copied);
  }

  private int dup2(long oldfd, long newfd) {
    FdTable t = p.files();
    OpenFile f = t.get(oldfd);
    if (f == null || newfd < 0 || newfd >= MAX_FDS) {
      return ret(Errno.EBADF.negated());
    }
    if (oldfd != newfd) {
      t.install((int) newfd, f, false);
    }
    return ret(newfd);
  }

  // ------------------------------------------------------------------ processes

  private int fork(boolean vfork) {
    if (vfork && p.vforkChild() != 0) {
      return vforkResume();
    }
    long r = k.forks().fork(p, vfork);
    if (r < 0) {
      return ret(r);
    }
    cost += k.forks().lastCost();
    k.stats().forks++;
    k.stats().processes++;
    Process child = k.table().get(r);
    k.win32().forked(p, child);
    k.makeRunnable(child);
    if (!vfork) {
      return ret(r);
    }
    child.setVforkParent(p.pid()); // VF-1: the parent sleeps until the child execs or exits
    p.setVforkChild((int) r);
    k.blockUninterruptible(p, "vfork");
    return BLOCKED;
  }

  private int vforkResume() {
    int c = p.vforkChild();
    if (c < 0) {
      p.setVforkChild(0);
      return ret(-c); // VF-5: resumed once, with the child's PID
    }
    return interrupted(Delivery.ERESTARTNOINTR); // woken by SIGKILL (VF-3): dies on delivery
  }

  private int execve() {
    String path;
    String[] argv = new String[count()];
    try {
      path = str(0);
      argv[0] = path;
      for (int i = 1; i < argv.length; i++) {
        argv[i] = str(i);
      }
    } catch (MemoryFault f) {
      return ret(Errno.EFAULT.negated());
    }
    ProgramImage[] image = new ProgramImage[1];
    long check = k.loader().lookup(path, p.uid(), argv, image);
    if (check < 0) {
      return ret(check); // EX-9: the old image keeps running
    }
    if (p.sharesParentMm()) {
      p.setSharesParentMm(false); // the vfork child gets its own memory now
    } else {
      // exec_mmap -> mmput: the old mappings are torn down entry by entry, as at exit
      cost += k.cost().exitPerPageNs() * p.mm().teardownEntries();
      p.mm().release();
    }
    long pages = k.loader().start(p, image[0], argv);
    p.signals().resetForExec(); // EX-2; mask and pending kept (EX-3)
    p.files().closeOnExec();
    k.mpCalls().exited(p); // a new program: no Python runtime state survives execve
    p.setExeced(true);
    p.setRestartCode(0);
    k.exits().wakeVforkParent(p); // EX-8
    k.stats().execs++;
    cost += k.cost().execBaseNs() + k.cost().execPerPageNs() * pages;
    cost += k.cost().execPerPageNs() * Loader.fixupPages(p.image()); // A36: relocated pages
    k.trace().emit(EventKind.IMAGE_LOAD, p.pid(), pages, p.image().entry(),
        Loader.relocatedBase(p.image()), path);
    k.trace().emit(EventKind.SCHED_PROCESS_EXEC, p.pid(), p.pid(), 0, 0, path);
    return EXECED;
  }

  private int exit(int status) {
    k.exit(cpu, p, status, k.now() + cost);
    return EXITED;
  }

  // ------------------------------------------------------------------ waiting

  private int waitpid(long pid, long options) {
    long r = k.childWait().waitpid(p, pid, options, out);
    if (r == ChildWait.BLOCK) {
      return sleepOnChildren();
    }
    if (r > 0) {
      cost += reapCost(out[0]);
      p.regs()[1] = out[0];
    }
    return ret(r);
  }

  private int waitid(long idtype, long id, long options) {
    long r = k.childWait().waitid(p, idtype, id, options, out);
    if (r == ChildWait.BLOCK) {
      return sleepOnChildren();
    }
    long[] regs = p.regs();
    for (int i = 0; i < 4; i++) {
      regs[i + 1] = out[i];
    }
    return ret(r);
  }

  private long reapCost(long status) {
    return WaitStatus.wifstopped(status) || WaitStatus.wifcontinued(status) ? 0 : k.cost().reapNs();
  }

  /** WT-7: a wait that must sleep is interrupted by a deliverable signal (-ERESTARTSYS). */
  private int sleepOnChildren() {
    if (SignalOps.hasDeliverable(p)) {
      return interrupted(Delivery.ERESTARTSYS);
    }
    k.block(p, p.childWait(), "wait");
    return BLOCKED;
  }

  // ------------------------------------------------------------------ signals

  private int raise(long sig) {
    if (!Signals.isValid(sig)) {
      return ret(sig == 0 ? 0 : Errno.EINVAL.negated());
    }
    k.send(p, new SigInfo((int) sig, (int) Constants.SI_TKILL, p.pid(), p.uid(), 0, 0)); // KL-8
    return ret(0);
  }

  private int sigaction(long sig, long handler, long flags, long mask) {
    long r = k.signalOps().sigaction(p, sig, handler, flags, mask, out);
    if (r < 0) {
      return ret(r);
    }
    p.regs()[2] = out[1];
    p.regs()[3] = out[2];
    return ret(0, out[0]);
  }

  private int sigprocmask(long how, long set) {
    long r = k.signalOps().sigprocmask(p, how, set, out);
    return r < 0 ? ret(r) : ret(0, out[0]);
  }

  /** HA-10: pause sleeps until a signal runs a handler or ends the process. */
  private int pause() {
    if (SignalOps.hasDeliverable(p)) {
      return interrupted(Delivery.ERESTARTNOHAND);
    }
    k.block(p, null, "pause");
    return BLOCKED;
  }

  /** HA-10: sigsuspend installs a mask and sleeps like pause; the handler's return restores it. */
  private int sigsuspend(long mask) {
    k.signalOps().beginSuspend(p, mask);
    return pause();
  }

  // ------------------------------------------------------------------ groups and sessions

  private int getpgid(long pid, boolean session) {
    Process t = pid == 0 ? p : k.table().get(pid);
    if (pid < 0 || t == null) {
      return ret(Errno.ESRCH.negated()); // PG-4, PG-6
    }
    return ret(session ? t.sid() : t.pgid());
  }
}
