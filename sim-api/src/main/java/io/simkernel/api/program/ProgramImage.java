package io.simkernel.api.program;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An assembled executable image, the simulator's ELF/PE: code (text), read-only data (the string
 * literals), initialised data and bss, an entry point and a symbol table. Immutable. The code is
 * kept as parallel primitive arrays, one slice of operands per instruction, so that the VM decodes
 * nothing and allocates nothing while it runs.
 */
public final class ProgramImage {
  private final String path;
  private final long base;
  private final long preferredBase;
  private final int[] relocs;
  private final int entry;
  private final int[] ops;
  private final int[] operandStart;
  private final byte[] operandKinds;
  private final long[] operandValues;
  private final int[] lines;
  private final byte[] rodata;
  private final long rodataBase;
  private final byte[] data;
  private final long dataBase;
  private final long bssSize;
  private final ImmutableSortedMap<String, Long> symbols;
  private final ImmutableMap<Long, String> strings;

  ProgramImage(String path, long base, long preferredBase, int[] relocs, int entry, int[] ops, int[] operandStart, byte[] operandKinds,
      long[] operandValues, int[] lines, byte[] rodata, long rodataBase, byte[] data,
      long dataBase, long bssSize, ImmutableSortedMap<String, Long> symbols,
      ImmutableMap<Long, String> strings) {
    this.path = path;
    this.base = base;
    this.preferredBase = preferredBase;
    this.relocs = relocs;
    this.entry = entry;
    this.ops = ops;
    this.operandStart = operandStart;
    this.operandKinds = operandKinds;
    this.operandValues = operandValues;
    this.lines = lines;
    this.rodata = rodata;
    this.rodataBase = rodataBase;
    this.data = data;
    this.dataBase = dataBase;
    this.bssSize = bssSize;
    this.symbols = symbols;
    this.strings = strings;
  }

  /** The path the image is installed at in the simulated file system. */
  public String path() {
    return path;
  }

  /** Instruction index of the entry point ({@code main}). */
  public int entry() {
    return entry;
  }

  /** Number of instructions. */
  public int length() {
    return ops.length;
  }

  /** The {@link Op} ordinal of instruction {@code pc}. */
  public int op(int pc) {
    return ops[pc];
  }

  public int operandCount(int pc) {
    return operandStart[pc + 1] - operandStart[pc];
  }

  /** The {@link OperandKind} of operand {@code i} of instruction {@code pc}. */
  public byte operandKind(int pc, int i) {
    return operandKinds[operandStart[pc] + i];
  }

  public long operandValue(int pc, int i) {
    return operandValues[operandStart[pc] + i];
  }

  /** Source line of instruction {@code pc}, 0 when built without positions. */
  public int line(int pc) {
    return lines[pc];
  }

  /** Where the text starts: the preferred base, or where the loader relocated the image. */
  public long textBase() {
    return base;
  }

  /** The header's preferred base (PE {@code ImageBase}, createprocess-and-multiprocessing A30). */
  public long preferredBase() {
    return preferredBase;
  }

  /** True for a copy the loader moved away from its preferred base ({@link #relocate}). */
  public boolean relocated() {
    return base != preferredBase;
  }

  /** Number of base relocations: operands holding an address of the image (A36). */
  public int relocationCount() {
    return relocs.length;
  }

  /** The instruction holding relocation {@code i} (the text page its fixup writes). */
  public int relocationPc(int i) {
    int k = relocs[i];
    int lo = 0;
    int hi = ops.length - 1;
    while (lo < hi) { // the last instruction whose operands start at or before k
      int mid = (lo + hi + 1) >>> 1;
      if (operandStart[mid] <= k) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The address of instruction {@code pc} in this image's text. */
  public long codeAddress(int pc) {
    return base + pc * Layout.INSN_SIZE;
  }

  /** The instruction index of a code address of this image, or -1 when it is not one. */
  public int pcOf(long addr) {
    long off = addr - base;
    if (off < 0 || off % Layout.INSN_SIZE != 0 || off / Layout.INSN_SIZE >= ops.length) {
      return -1;
    }
    return (int) (off / Layout.INSN_SIZE);
  }

  /**
   * This image mapped at {@code newBase} instead: the loader's base relocation (A36). Every
   * relocation target — an operand holding a label's or a string literal's address — gets
   * {@code delta = newBase - preferredBase} added, and so do the section bases, the symbols and
   * the literal table. Code labels used as jump targets are instruction indices (position
   * independent, like x86's rip-relative jumps) and need no fixup; data words hold no addresses
   * (the language has no {@code word label}), so the data section needs none either.
   */
  public ProgramImage relocate(long newBase) {
    long delta = newBase - base;
    if (delta == 0) {
      return this;
    }
    long[] values = operandValues.clone();
    for (int k : relocs) {
      values[k] += delta;
    }
    ImmutableSortedMap.Builder<String, Long> sym = ImmutableSortedMap.naturalOrder();
    symbols.forEach((n, a) -> sym.put(n, a + delta));
    ImmutableMap.Builder<Long, String> str = ImmutableMap.builder();
    strings.forEach((a, t) -> str.put(a + delta, t));
    return new ProgramImage(path, newBase, preferredBase, relocs, entry, ops, operandStart,
        operandKinds, values, lines, rodata, rodataBase + delta, data, dataBase + delta, bssSize,
        sym.build(), str.buildOrThrow());
  }

  public long textSize() {
    return ops.length * Layout.INSN_SIZE;
  }

  /**
   * The text section's bytes, as a process reads them at {@link #textBase}: one
   * little-endian 8-byte word per instruction holding the {@link Op} ordinal (bits 0-15), the
   * operand count (bits 16-31) and the source line (bits 32-63). The VM executes the decoded
   * arrays; this is what a load from the (read+execute) text mapping sees.
   */
  public byte[] text() {
    byte[] b = new byte[ops.length * (int) Layout.INSN_SIZE];
    for (int pc = 0; pc < ops.length; pc++) {
      long w = (ops[pc] & 0xFFFFL) | ((long) (operandCount(pc) & 0xFFFF) << 16)
          | ((long) lines[pc] << 32);
      for (int i = 0; i < 8; i++) {
        b[pc * 8 + i] = (byte) (w >>> (8 * i));
      }
    }
    return b;
  }

  public long rodataBase() {
    return rodataBase;
  }

  /** A copy of the read-only data section. */
  public byte[] rodata() {
    return rodata.clone();
  }

  public int rodataSize() {
    return rodata.length;
  }

  public byte rodataByte(int offset) {
    return rodata[offset];
  }

  public long dataBase() {
    return dataBase;
  }

  /** A copy of the initialised data section. */
  public byte[] data() {
    return data.clone();
  }

  public int dataSize() {
    return data.length;
  }

  public byte dataByte(int offset) {
    return data[offset];
  }

  /** Start of bss: right after data. */
  public long bssBase() {
    return dataBase + data.length;
  }

  public long bssSize() {
    return bssSize;
  }

  /** First byte after the last section: where the heap ({@code brk}) starts, page-aligned. */
  public long end() {
    return Layout.pageAlign(bssBase() + bssSize);
  }

  /** Every label with its address, sorted by name. */
  public ImmutableSortedMap<String, Long> symbols() {
    return symbols;
  }

  /** The string literal starting at a read-only-data address, or null (a fast path for print). */
  public String literalAt(long address) {
    return strings.get(address);
  }

  /** The nearest code label at or before {@code pc}, as {@code label+n}, for reports. */
  public String symbolize(int pc) {
    long addr = codeAddress(pc);
    String best = null;
    long bestAddr = Long.MIN_VALUE;
    for (var e : symbols.entrySet()) {
      long a = e.getValue();
      if (a <= addr && a > bestAddr && a >= base && a < base + textSize()) {
        best = e.getKey();
        bestAddr = a;
      }
    }
    if (best == null) {
      return "pc " + pc;
    }
    long d = (addr - bestAddr) / Layout.INSN_SIZE;
    return d == 0 ? best : best + "+" + d;
  }

  /** A stable digest of everything that affects execution, for trace headers and caches. */
  public long fingerprint() {
    long h = 0x9E3779B97F4A7C15L;
    h = mix(h, path.hashCode());
    h = mix(h, entry);
    h = mix(h, Arrays.hashCode(ops));
    h = mix(h, Arrays.hashCode(operandStart));
    h = mix(h, Arrays.hashCode(operandKinds));
    h = mix(h, Arrays.hashCode(operandValues));
    h = mix(h, Arrays.hashCode(rodata));
    h = mix(h, Arrays.hashCode(data));
    if (base != Layout.TEXT_BASE) { // mixed in only when not the default: old digests unchanged
      h = mix(h, base);
    }
    return mix(h, bssSize);
  }

  private static long mix(long h, long v) {
    h ^= v;
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 31);
  }

  @Override
  public String toString() {
    return "ProgramImage[" + path + ", " + ops.length + " instructions, rodata "
        + rodata.length + " B, data " + data.length + " B, bss " + bssSize + " B]";
  }

  static byte[] cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(b, b.length + 1);
  }
}
