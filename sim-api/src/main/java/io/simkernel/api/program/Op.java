package io.simkernel.api.program;

import com.google.common.collect.ImmutableMap;

/**
 * Every instruction of the virtual machine and every system call of the scenario language
 * (DESIGN.md, "The scenario language"). The operand signature is a comma-separated list of tokens:
 *
 * <ul>
 *   <li>{@code r} a destination register;
 *   <li>{@code v} a value: register, integer, size, duration, name, flag set, signal set, or a label
 *       (its address);
 *   <li>{@code m} a memory operand {@code [label]}, {@code [label+8]}, {@code [r3]}, {@code [r3+16]},
 *       {@code [r3+r4]};
 *   <li>{@code L} a code label (jump target); {@code L0} a code label or {@code 0};
 *   <li>{@code s} a string literal (its operand is the string's address in read-only data);
 *   <li>{@code a} a string literal or a value (an address); {@code x} a memory operand or a string;
 *   <li>{@code w:a|b|c} one of the listed bare words (operand value = its index);
 *   <li>a leading {@code ?} makes that token and every later one optional; a trailing {@code *}
 *       repeats the token zero or more times.
 * </ul>
 *
 * {@link #kind()} groups them for exhaustive switches in the VM and the kernel.
 */
public enum Op {
  // --- the VM: arithmetic and logic (rd = rd op src)
  MOV("mov", Kind.ALU, "r,v"), ADD("add", Kind.ALU, "r,v"), SUB("sub", Kind.ALU, "r,v"),
  MUL("mul", Kind.ALU, "r,v"), DIV("div", Kind.ALU, "r,v"), MOD("mod", Kind.ALU, "r,v"),
  AND("and", Kind.ALU, "r,v"), OR("or", Kind.ALU, "r,v"), XOR("xor", Kind.ALU, "r,v"),
  SHL("shl", Kind.ALU, "r,v"), SHR("shr", Kind.ALU, "r,v"),
  // --- memory, 8-byte words and bytes
  LOAD("load", Kind.MEMORY, "r,m"), STORE("store", Kind.MEMORY, "m,v"),
  LOADB("loadb", Kind.MEMORY, "r,m"), STOREB("storeb", Kind.MEMORY, "m,v"),
  // --- comparisons: rd = (a op b) ? 1 : 0
  SEQ("seq", Kind.ALU, "r,v,v"), SNE("sne", Kind.ALU, "r,v,v"), SLT("slt", Kind.ALU, "r,v,v"),
  SLE("sle", Kind.ALU, "r,v,v"), SGT("sgt", Kind.ALU, "r,v,v"), SGE("sge", Kind.ALU, "r,v,v"),
  // --- control flow
  JMP("jmp", Kind.BRANCH, "L"), JZ("jz", Kind.BRANCH, "v,L"), JNZ("jnz", Kind.BRANCH, "v,L"),
  JEQ("jeq", Kind.BRANCH, "v,v,L"), JNE("jne", Kind.BRANCH, "v,v,L"),
  JLT("jlt", Kind.BRANCH, "v,v,L"), JLE("jle", Kind.BRANCH, "v,v,L"),
  JGT("jgt", Kind.BRANCH, "v,v,L"), JGE("jge", Kind.BRANCH, "v,v,L"),
  CALL("call", Kind.BRANCH, "L"), RET("ret", Kind.BRANCH, ""),
  // --- time on the CPU, output
  COMPUTE("compute", Kind.COMPUTE, "v"),
  PRINT("print", Kind.SYSCALL, "s,v*"), EPRINT("eprint", Kind.SYSCALL, "s,v*"),
  // --- wait-status macros (rd = MACRO(rs)), as in C
  WIFEXITED("wifexited", Kind.ALU, "r,v"), WEXITSTATUS("wexitstatus", Kind.ALU, "r,v"),
  WIFSIGNALED("wifsignaled", Kind.ALU, "r,v"), WTERMSIG("wtermsig", Kind.ALU, "r,v"),
  WCOREDUMP("wcoredump", Kind.ALU, "r,v"), WIFSTOPPED("wifstopped", Kind.ALU, "r,v"),
  WSTOPSIG("wstopsig", Kind.ALU, "r,v"), WIFCONTINUED("wifcontinued", Kind.ALU, "r,v"),
  // --- processes
  FORK("fork", Kind.SYSCALL, ""), VFORK("vfork", Kind.SYSCALL, ""),
  EXECVE("execve", Kind.SYSCALL, "a,a*"), EXIT("exit", Kind.SYSCALL, "v"),
  GETPID("getpid", Kind.SYSCALL, ""), GETPPID("getppid", Kind.SYSCALL, ""),
  GETUID("getuid", Kind.SYSCALL, ""), SETUID("setuid", Kind.SYSCALL, "v"),
  GETRLIMIT("getrlimit", Kind.SYSCALL, "v"), SETRLIMIT("setrlimit", Kind.SYSCALL, "v,v"),
  PRCTL("prctl", Kind.SYSCALL, "v,?v"), GETRUSAGE("getrusage", Kind.SYSCALL, "v"),
  // --- waiting
  WAIT("wait", Kind.SYSCALL, ""), WAITPID("waitpid", Kind.SYSCALL, "v,v"),
  WAITID("waitid", Kind.SYSCALL, "v,v,v"),
  // --- signals
  KILL("kill", Kind.SYSCALL, "v,v"), SIGNAL("signal", Kind.SYSCALL, "v,v"),
  KILLPG("killpg", Kind.SYSCALL, "v,v"), RAISE("raise", Kind.SYSCALL, "v"),
  SIGQUEUE("sigqueue", Kind.SYSCALL, "v,v,v"), SIGACTION("sigaction", Kind.SYSCALL, "v,v,?v,v"),
  SIGPROCMASK("sigprocmask", Kind.SYSCALL, "v,v"), SIGPENDING("sigpending", Kind.SYSCALL, ""),
  SIGSUSPEND("sigsuspend", Kind.SYSCALL, "v"), PAUSE("pause", Kind.SYSCALL, ""),
  // --- time
  SLEEP("sleep", Kind.SYSCALL, "v"), NANOSLEEP("nanosleep", Kind.SYSCALL, "v"),
  ALARM("alarm", Kind.SYSCALL, "v"), SETITIMER("setitimer", Kind.SYSCALL, "v,v,v"),
  GETITIMER("getitimer", Kind.SYSCALL, "v"), CLOCK("clock", Kind.SYSCALL, ""),
  YIELD("yield", Kind.SYSCALL, ""),
  // --- process groups and sessions
  GETPGRP("getpgrp", Kind.SYSCALL, ""), GETPGID("getpgid", Kind.SYSCALL, "v"),
  SETPGID("setpgid", Kind.SYSCALL, "v,v"), SETPGRP("setpgrp", Kind.SYSCALL, ""),
  GETSID("getsid", Kind.SYSCALL, "v"), SETSID("setsid", Kind.SYSCALL, ""),
  // --- memory
  MMAP("mmap", Kind.SYSCALL, "v,v,v,?v,v"), MUNMAP("munmap", Kind.SYSCALL, "v,v"),
  MPROTECT("mprotect", Kind.SYSCALL, "v,v,v"), MADVISE("madvise", Kind.SYSCALL, "v,v,v"),
  BRK("brk", Kind.SYSCALL, "v"), TOUCH("touch", Kind.SYSCALL, "v,v,v"),
  // --- files and IPC
  PIPE("pipe", Kind.SYSCALL, ""), READ("read", Kind.SYSCALL, "v,m,v"),
  WRITE("write", Kind.SYSCALL, "v,x,v"), CLOSE("close", Kind.SYSCALL, "v"),
  DUP2("dup2", Kind.SYSCALL, "v,v"), OPEN("open", Kind.SYSCALL, "a,v,?v"),
  UNLINK("unlink", Kind.SYSCALL, "a"), SEM_OPEN("sem_open", Kind.SYSCALL, "a,v"),
  SEM_WAIT("sem_wait", Kind.SYSCALL, "v"), SEM_POST("sem_post", Kind.SYSCALL, "v"),
  // --- the Windows personality
  CREATE_PROCESS("CreateProcess", Kind.SYSCALL, "a,a,v,v"),
  WAIT_FOR_SINGLE_OBJECT("WaitForSingleObject", Kind.SYSCALL, "v,v"),
  GET_EXIT_CODE_PROCESS("GetExitCodeProcess", Kind.SYSCALL, "v"),
  TERMINATE_PROCESS("TerminateProcess", Kind.SYSCALL, "v,v"),
  EXIT_PROCESS("ExitProcess", Kind.SYSCALL, "v"), CLOSE_HANDLE("CloseHandle", Kind.SYSCALL, "v"),
  RESUME_THREAD("ResumeThread", Kind.SYSCALL, "v"), OPEN_PROCESS("OpenProcess", Kind.SYSCALL, "v"),
  SET_HANDLE_INFORMATION("SetHandleInformation", Kind.SYSCALL, "v,v,v"),
  CREATE_JOB_OBJECT("CreateJobObject", Kind.SYSCALL, ""),
  ASSIGN_PROCESS_TO_JOB_OBJECT("AssignProcessToJobObject", Kind.SYSCALL, "v,v"),
  SET_INFORMATION_JOB_OBJECT("SetInformationJobObject", Kind.SYSCALL, "v,v,?v"),
  TERMINATE_JOB_OBJECT("TerminateJobObject", Kind.SYSCALL, "v,v"),
  GET_CURRENT_PROCESS_ID("GetCurrentProcessId", Kind.SYSCALL, ""),
  GET_LAST_ERROR("GetLastError", Kind.SYSCALL, ""),
  SUSPEND_THREAD("SuspendThread", Kind.SYSCALL, "v"), WIN_SLEEP("Sleep", Kind.SYSCALL, "v"),
  // --- the multiprocessing runtime
  MP_SET_START_METHOD("mp.set_start_method", Kind.MP, "w:fork|spawn|forkserver"),
  MP_PROCESS("mp.process", Kind.MP, "r,L,v*"), MP_DAEMON("mp.daemon", Kind.MP, "v,v"),
  MP_START("mp.start", Kind.MP, "v"), MP_JOIN("mp.join", Kind.MP, "v,?v"),
  MP_IS_ALIVE("mp.is_alive", Kind.MP, "r,v"), MP_EXITCODE("mp.exitcode", Kind.MP, "r,v"),
  MP_PID("mp.pid", Kind.MP, "r,v"), MP_TERMINATE("mp.terminate", Kind.MP, "v"),
  MP_KILL("mp.kill", Kind.MP, "v"), MP_CLOSE("mp.close", Kind.MP, "v"),
  MP_ACTIVE_CHILDREN("mp.active_children", Kind.MP, "r"), MP_IS_MAIN("mp.is_main", Kind.MP, "r"),
  MP_LOCK("mp.lock", Kind.MP, "r"), MP_ACQUIRE("mp.acquire", Kind.MP, "v,?v"),
  MP_RELEASE("mp.release", Kind.MP, "v"), MP_QUEUE("mp.queue", Kind.MP, "r"),
  MP_PUT("mp.put", Kind.MP, "v,v"), MP_GET("mp.get", Kind.MP, "r,v"),
  MP_EXIT("mp.exit", Kind.MP, "v"), MP_RAISE("mp.raise", Kind.MP, "s"),
  MP_IS_DAEMON("mp.is_daemon", Kind.MP, "r,v"), MP_NAME("mp.name", Kind.MP, "r,v"),
  MP_EXCEPT("mp.except", Kind.MP, "L0"), MP_ATEXIT("mp.atexit", Kind.MP, "L"),

  // --- experiments: `metric name, value` records a named value in the run's results (sweeps
  // put it in a CSV column); the name is a bare word or a string literal. Last, so that the
  // ordinals of every other operation stay as they were.
  METRIC("metric", Kind.SYSCALL, "s,v");

  /** Groups of operations, for exhaustive switches. */
  public enum Kind {
    /** Register arithmetic, comparisons and wait-status macros: pure, never leaves the CPU. */
    ALU,
    /** Loads and stores through the page table: pure unless they fault. */
    MEMORY,
    /** Jumps, calls and returns: pure. */
    BRANCH,
    /** Busy CPU time: pure, but long, so it can be split by preemption and interruption. */
    COMPUTE,
    /** A system call: a synchronisation point with the rest of the simulated machine. */
    SYSCALL,
    /** A call into the multiprocessing runtime (a library over system calls). */
    MP
  }

  private final String mnemonic;
  private final Kind kind;
  private final String signature;

  Op(String mnemonic, Kind kind, String signature) {
    this.mnemonic = mnemonic;
    this.kind = kind;
    this.signature = signature;
  }

  public String mnemonic() {
    return mnemonic;
  }

  public Kind kind() {
    return kind;
  }

  /** The operand signature, in the token language of this class's documentation. */
  public String signature() {
    return signature;
  }

  private static final Op[] VALUES = values();
  private static final ImmutableMap<String, Op> BY_MNEMONIC;

  static {
    ImmutableMap.Builder<String, Op> b = ImmutableMap.builder();
    for (Op op : VALUES) {
      b.put(op.mnemonic, op);
    }
    BY_MNEMONIC = b.buildOrThrow();
  }

  /** The operation with that mnemonic (case-sensitive, as written in DESIGN.md), or null. */
  public static Op byMnemonic(String mnemonic) {
    return BY_MNEMONIC.get(mnemonic);
  }

  /** The operation with that ordinal, without allocating. */
  public static Op ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
