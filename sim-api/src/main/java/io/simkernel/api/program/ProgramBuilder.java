package io.simkernel.api.program;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ProgramImage} from data declarations, labels and instructions: what the
 * scenario-language assembler produces, and what Java users write directly. Operands are checked
 * against the operation's {@link Op#signature() signature}; labels are resolved at {@link #build()}.
 * Errors are {@link ProgramException}s carrying the source position given to {@link #at}.
 *
 * <pre>{@code
 * ProgramImage p = new ProgramBuilder("/bin/child")
 *     .label("main").emit(Op.COMPUTE, Operand.imm(3_000_000)).emit(Op.EXIT, Operand.imm(3))
 *     .build();
 * }</pre>
 */
public final class ProgramBuilder {
  private final String path;
  private long base = Layout.TEXT_BASE;
  private int line;
  private int column;

  private record Insn(Op op, List<Operand> operands, int line) {}

  private record DataItem(String name, int line, int column, byte[] init, long size) {}

  private record Label(long pcOrOffset, boolean code, int line, int column) {}

  private final List<Insn> code = new ArrayList<>();
  private final List<DataItem> data = new ArrayList<>();
  private final List<DataItem> bss = new ArrayList<>();
  private final Map<String, Label> labels = new LinkedHashMap<>();
  private final Map<String, Integer> dataIndex = new LinkedHashMap<>();

  public ProgramBuilder(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  /**
   * The image's preferred base: where its text starts when the loader can map it there (PE's
   * {@code ImageBase}, createprocess-and-multiprocessing A30; an ELF's first {@code PT_LOAD}
   * {@code p_vaddr}). Must be page-aligned and below {@link Layout#STACK_TOP}; default
   * {@link Layout#TEXT_BASE}.
   */
  public ProgramBuilder base(long address) {
    if (address <= 0 || address % Layout.PAGE_SIZE != 0 || address >= Layout.STACK_TOP) {
      throw new ProgramException(line, column, "bad image base 0x" + Long.toHexString(address)
          + "; expected a page-aligned (multiple of 0x1000) address in user space");
    }
    this.base = address;
    return this;
  }

  /** The source position of what follows (1-based; 0 when unknown). */
  public ProgramBuilder at(int line, int column) {
    this.line = line;
    this.column = column;
    return this;
  }

  /** {@code name: word N}: an initialised 8-byte word in .data. */
  public ProgramBuilder word(String name, long value) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    return dataItem(name, b, 8, false);
  }

  /** {@code name: space N}: N zero bytes, placed in .bss. */
  public ProgramBuilder space(String name, long bytes) {
    if (bytes < 0) {
      throw new ProgramException(line, column, "`space` needs a size of 0 or more bytes, found " + bytes);
    }
    return dataItem(name, null, bytes, true);
  }

  /** {@code name: string "..."}: a NUL-terminated string in .data (writable, unlike literals). */
  public ProgramBuilder string(String name, String text) {
    byte[] b = ProgramImage.cString(text);
    return dataItem(name, b, b.length, false);
  }

  private ProgramBuilder dataItem(String name, byte[] init, long size, boolean zero) {
    defineLabel(name, false, zero ? bss.size() : data.size(), zero);
    (zero ? bss : data).add(new DataItem(name, line, column, init, size));
    return this;
  }

  /** Defines a code label at the next instruction. */
  public ProgramBuilder label(String name) {
    defineLabel(name, true, code.size(), false);
    return this;
  }

  private void defineLabel(String name, boolean isCode, long index, boolean isBss) {
    Label previous = labels.get(name);
    if (previous != null) {
      throw new ProgramException(line, column, "label `" + name + "` is already defined at line "
          + previous.line + ":" + previous.column);
    }
    labels.put(name, new Label(index, isCode, line, column));
    if (!isCode) {
      dataIndex.put(name, isBss ? -1 - (int) index : (int) index);
    }
  }

  /** Appends an instruction, checking its operands against the signature. */
  public ProgramBuilder emit(Op op, Operand... operands) {
    List<Operand> list = List.of(operands);
    Signature.of(op).check(op, list, line, column);
    code.add(new Insn(op, list, line));
    return this;
  }

  /** Number of instructions so far. */
  public int size() {
    return code.size();
  }

  /** Resolves every label and lays the sections out (see {@link Layout}). */
  public ProgramImage build() {
    Label main = labels.get("main");
    if (main == null || !main.code) {
      throw new ProgramException(line, column, "program " + path
          + " has no entry point: expected a `main:` label in its text");
    }
    // read-only data: every distinct string literal, in first-use order
    long rodataBase = Layout.pageAlign(base + code.size() * Layout.INSN_SIZE);
    ByteArrayOutputStream ro = new ByteArrayOutputStream();
    Map<String, Long> literal = new LinkedHashMap<>();
    for (Insn insn : code) {
      for (Operand o : insn.operands) {
        if (o instanceof Operand.Str s && !literal.containsKey(s.text())) {
          literal.put(s.text(), rodataBase + ro.size());
          ro.writeBytes(ProgramImage.cString(s.text()));
        }
      }
    }
    long dataBase = Layout.pageAlign(rodataBase + Math.max(ro.size(), 1));
    long[] dataAddr = new long[data.size()];
    ByteArrayOutputStream dat = new ByteArrayOutputStream();
    for (int i = 0; i < data.size(); i++) {
      while (dat.size() % 8 != 0) {
        dat.write(0);
      }
      dataAddr[i] = dataBase + dat.size();
      dat.writeBytes(data.get(i).init);
    }
    while (dat.size() % 8 != 0) {
      dat.write(0);
    }
    long bssBase = dataBase + dat.size();
    long[] bssAddr = new long[bss.size()];
    long bssSize = 0;
    for (int i = 0; i < bss.size(); i++) {
      bssAddr[i] = bssBase + bssSize;
      bssSize += (bss.get(i).size + 7) & -8L;
    }
    ImmutableSortedMap.Builder<String, Long> symbols = ImmutableSortedMap.naturalOrder();
    Map<String, Long> address = new LinkedHashMap<>();
    for (var e : labels.entrySet()) {
      Label l = e.getValue();
      long a;
      if (l.code) {
        a = base + l.pcOrOffset * Layout.INSN_SIZE;
      } else {
        int di = dataIndex.get(e.getKey());
        a = di >= 0 ? dataAddr[di] : bssAddr[-1 - di];
      }
      address.put(e.getKey(), a);
      symbols.put(e.getKey(), a);
    }
    return assemble(address, literal, rodataBase, ro.toByteArray(), dataBase, dat.toByteArray(),
        bssSize, symbols.build(), (int) main.pcOrOffset);
  }

  private ProgramImage assemble(Map<String, Long> address, Map<String, Long> literal,
      long rodataBase, byte[] rodata, long dataBase, byte[] dataBytes, long bssSize,
      ImmutableSortedMap<String, Long> symbols, int entry) {
    int n = code.size();
    int[] ops = new int[n];
    int[] start = new int[n + 1];
    int[] lines = new int[n];
    int total = 0;
    for (Insn insn : code) {
      total += insn.operands.size();
    }
    byte[] kinds = new byte[total];
    long[] values = new long[total];
    // the base relocations (A36): every operand whose value is an address of the image
    int[] relocs = new int[total];
    int nrelocs = 0;
    int k = 0;
    for (int pc = 0; pc < n; pc++) {
      Insn insn = code.get(pc);
      ops[pc] = insn.op.ordinal();
      start[pc] = k;
      lines[pc] = insn.line;
      for (Operand o : insn.operands) {
        switch (o.kind()) {
          case REG -> { kinds[k] = OperandKind.REG; values[k] = ((Operand.Reg) o).reg(); }
          case IMM -> { kinds[k] = OperandKind.IMM; values[k] = ((Operand.Imm) o).value(); }
          case SYMBOL -> {
            Operand.Symbol s = (Operand.Symbol) o;
            kinds[k] = OperandKind.IMM;
            values[k] = resolve(address, s.name(), o) + s.addend();
            relocs[nrelocs++] = k;
          }
          case MEM_SYMBOL -> {
            Operand.MemSymbol s = (Operand.MemSymbol) o;
            kinds[k] = OperandKind.MEM_ABS;
            values[k] = resolve(address, s.name(), o) + s.addend();
            relocs[nrelocs++] = k;
          }
          case MEM_REG -> {
            Operand.MemReg m = (Operand.MemReg) o;
            kinds[k] = OperandKind.MEM_REG;
            values[k] = m.reg() | (m.offset() << 8);
          }
          case MEM_REG_REG -> {
            Operand.MemRegReg m = (Operand.MemRegReg) o;
            kinds[k] = OperandKind.MEM_REG_REG;
            values[k] = m.reg() | ((long) m.index() << 8);
          }
          case STRING -> { kinds[k] = OperandKind.STR; values[k] = literal.get(((Operand.Str) o).text());
            relocs[nrelocs++] = k; }
          case CODE -> {
            Operand.Code c = (Operand.Code) o;
            Label l = labels.get(c.label());
            if (l == null) {
              throw new ProgramException(o.line(), o.column(), "undefined label `" + c.label() + "`");
            }
            if (!l.code) {
              throw new ProgramException(o.line(), o.column(), "`" + c.label()
                  + "` is a data label; expected a code label here");
            }
            kinds[k] = OperandKind.LABEL;
            values[k] = l.pcOrOffset;
          }
        }
        k++;
      }
    }
    start[n] = k;
    ImmutableMap.Builder<Long, String> strings = ImmutableMap.builder();
    literal.forEach((text, addr) -> strings.put(addr, text));
    return new ProgramImage(path, base, base, java.util.Arrays.copyOf(relocs, nrelocs), entry,
        ops, start, kinds, values, lines, rodata, rodataBase, dataBytes, dataBase, bssSize,
        symbols, strings.buildOrThrow());
  }

  private static long resolve(Map<String, Long> address, String name, Operand at) {
    Long a = address.get(name);
    if (a == null) {
      throw new ProgramException(at.line(), at.column(), "undefined label `" + name + "`");
    }
    return a;
  }
}
