package io.simkernel.kernel.vm;

import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.program.Layout;
import io.simkernel.api.program.Op;
import io.simkernel.api.program.OperandKind;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.kernel.mm.AddressSpace;
import io.simkernel.kernel.mm.MemoryFault;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.sched.Cpu;
import io.simkernel.kernel.sched.UserCode;

/** Executes segments of user code (see the package documentation). */
public final class Interpreter implements UserCode {
  /** si_code for an integer divide by zero. */
  public static final int FPE_INTDIV = 1;
  /** si_code for an access to an unmapped address. */
  public static final int SEGV_MAPERR = 1;

  // Opcode numbers (Op ordinals) of the operations run() decodes inline; checked at class load.
  private static final int MOV = 0;
  private static final int ADD = 1;
  private static final int SUB = 2;
  private static final int AND = 6;
  private static final int OR = 7;
  private static final int XOR = 8;
  private static final int JMP = 21;
  private static final int JZ = 22;
  private static final int JNZ = 23;

  static {
    int[] mine = {MOV, ADD, SUB, AND, OR, XOR, JMP, JZ, JNZ};
    Op[] ops = {Op.MOV, Op.ADD, Op.SUB, Op.AND, Op.OR, Op.XOR, Op.JMP, Op.JZ, Op.JNZ};
    for (int i = 0; i < ops.length; i++) {
      if (ops[i].ordinal() != mine[i]) {
        throw new ExceptionInInitializerError("Interpreter's opcode for " + ops[i] + " is "
            + mine[i] + ", Op says " + ops[i].ordinal());
      }
    }
  }

  private final long insnNs;
  private long budget;
  private long executed;

  /**
   * @param insnNs virtual time one instruction takes
   * @param budget instructions the whole run may execute, or -1 for no limit
   */
  public Interpreter(long insnNs, long budget) {
    this.insnNs = insnNs;
    this.budget = budget < 0 ? Long.MAX_VALUE : budget;
  }

  /** Instructions executed so far in the run (re-executions after a rollback included). */
  public long executed() {
    return executed;
  }

  @Override
  public void run(Cpu cpu, Process p, long start, long horizon) {
    ProgramImage img = p.image();
    long[] r = p.regs();
    AddressSpace mm = p.mm();
    int pc = p.pc();
    long t = start;
    long n = 0;
    long left = budget;
    try {
      loop:
      while (true) {
        if (t >= horizon || n >= left) { // one test on the hot path; the slice is checked first
          cpu.stopAt(t >= horizon ? Cpu.Stop.SLICE : Cpu.Stop.INSN_LIMIT, t);
          break;
        }
        int code = img.op(pc);
        int simple = simple(code, img, pc, r);
        if (simple >= 0) {
          pc = simple;
        } else {
          Op op = Op.ofOrdinal(code);
          switch (op.kind()) {
            case SYSCALL, MP -> {
              cpu.stopAt(Cpu.Stop.SYSCALL, t);
              break loop;
            }
            case COMPUTE -> {
              long d = p.computeLeft() > 0 ? p.computeLeft() : value(img, pc, 0, r);
              n++;
              if (d <= horizon - t) {
                t += Math.max(d, 0);
                p.setComputeLeft(0);
                pc++;
                continue;
              }
              p.setComputeLeft(d - (horizon - t));
              t = horizon;
              cpu.stopAt(Cpu.Stop.SLICE, t);
              break loop;
            }
            case ALU -> {
              if (!alu(op, img, pc, r)) {
                cpu.setTrap(Signals.SIGFPE, FPE_INTDIV, img.codeAddress(pc));
                cpu.stopAt(Cpu.Stop.TRAP, t);
                break loop;
              }
              pc++;
            }
            case MEMORY -> {
              memory(op, img, pc, r, mm, cpu);
              pc++;
            }
            case BRANCH -> {
              int next = branch(op, img, pc, r, p, mm, cpu);
              if (next < 0) {
                n++;
                t += insnNs;
                stopAtReturn(cpu, next, t);
                break loop;
              }
              pc = next;
            }
            default -> throw new IllegalStateException("unhandled operation kind " + op.kind());
          }
        }
        n++;
        t += insnNs;
      }
    } catch (MemoryFault f) {
      cpu.setFault(f.code(), f.address(), f.isWrite());
      cpu.stopAt(Cpu.Stop.FAULT, t);
    }
    budget -= n;
    executed += n;
    p.setPc(pc);
  }

  /**
   * The simplest and most frequent operations, decoded on the opcode number (one tableswitch;
   * small enough for the JIT to inline into the loop, unlike alu() and branch()): the next pc,
   * or -1 when {@code code} is not one of them. Each does exactly what alu()/branch() do for it
   * (issue 9: the interpreter's speed; no trace or timing difference).
   */
  private static int simple(int code, ProgramImage img, int pc, long[] r) {
    switch (code) {
      case MOV:
        r[(int) img.operandValue(pc, 0)] = value(img, pc, 1, r);
        return pc + 1;
      case ADD:
        r[(int) img.operandValue(pc, 0)] += value(img, pc, 1, r);
        return pc + 1;
      case SUB:
        r[(int) img.operandValue(pc, 0)] -= value(img, pc, 1, r);
        return pc + 1;
      case AND:
        r[(int) img.operandValue(pc, 0)] &= value(img, pc, 1, r);
        return pc + 1;
      case OR:
        r[(int) img.operandValue(pc, 0)] |= value(img, pc, 1, r);
        return pc + 1;
      case XOR:
        r[(int) img.operandValue(pc, 0)] ^= value(img, pc, 1, r);
        return pc + 1;
      case JMP:
        return (int) img.operandValue(pc, 0);
      case JZ:
        return value(img, pc, 0, r) == 0 ? (int) img.operandValue(pc, 1) : pc + 1;
      case JNZ:
        return value(img, pc, 0, r) != 0 ? (int) img.operandValue(pc, 1) : pc + 1;
      default:
        return -1;
    }
  }

  private static final int RET_EXIT = -1;
  private static final int RET_SIGRETURN = -2;
  private static final int RET_BAD = -3;

  private static void stopAtReturn(Cpu cpu, int how, long t) {
    switch (how) {
      case RET_EXIT -> cpu.stopAt(Cpu.Stop.MAIN_RETURN, t);
      case RET_SIGRETURN -> cpu.stopAt(Cpu.Stop.SIGRETURN, t);
      default -> cpu.stopAt(Cpu.Stop.TRAP, t);
    }
  }

  /** Operand {@code i} of instruction {@code pc} as a value (the VM's and the system calls'). */
  public static long value(ProgramImage img, int pc, int i, long[] r) {
    long v = img.operandValue(pc, i);
    return img.operandKind(pc, i) == OperandKind.REG ? r[(int) v] : v;
  }

  /** The address a memory (or string) operand names (the VM's and the system calls'). */
  public static long address(ProgramImage img, int pc, int i, long[] r) {
    long v = img.operandValue(pc, i);
    switch (img.operandKind(pc, i)) {
      case OperandKind.MEM_ABS:
        return v;
      case OperandKind.MEM_REG:
        return r[(int) (v & 0xFF)] + (v >> 8);
      case OperandKind.MEM_REG_REG:
        return r[(int) (v & 0xFF)] + r[(int) ((v >> 8) & 0xFF)];
      default:
        return v; // a string literal's address
    }
  }

  /** Executes an ALU instruction; false on a divide trap. */
  private static boolean alu(Op op, ProgramImage img, int pc, long[] r) {
    int rd = (int) img.operandValue(pc, 0);
    long b = value(img, pc, 1, r);
    switch (op) {
      case MOV -> r[rd] = b;
      case ADD -> r[rd] += b;
      case SUB -> r[rd] -= b;
      case MUL -> r[rd] *= b;
      case DIV, MOD -> {
        if (b == 0 || (b == -1 && r[rd] == Long.MIN_VALUE)) {
          return false; // x86 idiv raises #DE for both: SIGFPE/FPE_INTDIV
        }
        r[rd] = op == Op.DIV ? r[rd] / b : r[rd] % b;
      }
      case AND -> r[rd] &= b;
      case OR -> r[rd] |= b;
      case XOR -> r[rd] ^= b;
      case SHL -> r[rd] <<= (b & 63);
      case SHR -> r[rd] >>>= (b & 63);
      case SEQ, SNE, SLT, SLE, SGT, SGE -> r[rd] = compare(op, b, value(img, pc, 2, r)) ? 1 : 0;
      case WIFEXITED -> r[rd] = WaitStatus.wifexited(b) ? 1 : 0;
      case WEXITSTATUS -> r[rd] = WaitStatus.wexitstatus(b);
      case WIFSIGNALED -> r[rd] = WaitStatus.wifsignaled(b) ? 1 : 0;
      case WTERMSIG -> r[rd] = WaitStatus.wtermsig(b);
      case WCOREDUMP -> r[rd] = WaitStatus.wcoredump(b) != 0 ? 1 : 0;
      case WIFSTOPPED -> r[rd] = WaitStatus.wifstopped(b) ? 1 : 0;
      case WSTOPSIG -> r[rd] = WaitStatus.wstopsig(b);
      case WIFCONTINUED -> r[rd] = WaitStatus.wifcontinued(b) ? 1 : 0;
      default -> throw new IllegalStateException("not an ALU operation: " + op);
    }
    return true;
  }

  private static boolean compare(Op op, long a, long b) {
    return switch (op) {
      case SEQ, JEQ -> a == b;
      case SNE, JNE -> a != b;
      case SLT, JLT -> a < b;
      case SLE, JLE -> a <= b;
      case SGT, JGT -> a > b;
      case SGE, JGE -> a >= b;
      default -> throw new IllegalStateException("not a comparison: " + op);
    };
  }

  private static void memory(Op op, ProgramImage img, int pc, long[] r, AddressSpace mm, Cpu cpu) {
    switch (op) {
      case LOAD -> r[(int) img.operandValue(pc, 0)] = mm.load(address(img, pc, 1, r));
      case LOADB -> r[(int) img.operandValue(pc, 0)] = mm.loadByte(address(img, pc, 1, r));
      case STORE -> {
        long a = address(img, pc, 0, r);
        long v = value(img, pc, 1, r);
        long w = a & -8L;
        // the undo log records a write only once it has happened: a store that faults (a
        // copy-on-write page, say) changes nothing and must not be undone by a rollback
        long old = mm.load(w);
        long old2 = w != a ? mm.load(w + 8) : 0;
        mm.store(a, v);
        cpu.logWrite(w, old);
        if (w != a) {
          cpu.logWrite(w + 8, old2);
        }
      }
      case STOREB -> {
        long a = address(img, pc, 0, r);
        long v = value(img, pc, 1, r);
        long w = a & -8L;
        long old = mm.load(w);
        mm.storeByte(a, (int) v);
        cpu.logWrite(w, old);
      }
      default -> throw new IllegalStateException("not a memory operation: " + op);
    }
  }

  /** Executes a branch; returns the next pc, or a negative RET_* code. */
  private static int branch(Op op, ProgramImage img, int pc, long[] r, Process p, AddressSpace mm,
      Cpu cpu) {
    switch (op) {
      case JMP:
        return (int) img.operandValue(pc, 0);
      case JZ:
        return value(img, pc, 0, r) == 0 ? (int) img.operandValue(pc, 1) : pc + 1;
      case JNZ:
        return value(img, pc, 0, r) != 0 ? (int) img.operandValue(pc, 1) : pc + 1;
      case JEQ, JNE, JLT, JLE, JGT, JGE:
        return compare(op, value(img, pc, 0, r), value(img, pc, 1, r))
            ? (int) img.operandValue(pc, 2) : pc + 1;
      case CALL: {
        long sp = p.sp() - 8;
        long old = mm.load(sp & -8L);
        mm.store(sp, img.codeAddress(pc + 1));
        cpu.logWrite(sp & -8L, old);
        p.setSp(sp);
        return (int) img.operandValue(pc, 0);
      }
      case RET: {
        long target = mm.load(p.sp());
        p.setSp(p.sp() + 8);
        if (target == Layout.EXIT_TRAMPOLINE) {
          return RET_EXIT;
        }
        if (target == Layout.SIGRETURN_TRAMPOLINE) {
          return RET_SIGRETURN;
        }
        int next = img.pcOf(target);
        if (next < 0) {
          cpu.setTrap(Signals.SIGSEGV, SEGV_MAPERR, target);
          return RET_BAD;
        }
        return next;
      }
      default:
        throw new IllegalStateException("not a branch: " + op);
    }
  }
}
