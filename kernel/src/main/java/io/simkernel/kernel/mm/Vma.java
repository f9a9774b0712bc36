package io.simkernel.kernel.mm;

/**
 * One mapping: [start, end) with a protection and a backing. {@code source} (with {@code
 * sourceOffset}) is the file or image content that fills pages on first touch; null for anonymous
 * memory, which reads as zeros.
 */
public record Vma(long start, long end, int prot, boolean shared, String name, byte[] source,
    long sourceOffset) {

  public static final int PROT_READ = 1;
  public static final int PROT_WRITE = 2;
  public static final int PROT_EXEC = 4;

  public boolean contains(long addr) {
    return addr >= start && addr < end;
  }

  public long pages() {
    return (end - start) >>> 12;
  }
}
