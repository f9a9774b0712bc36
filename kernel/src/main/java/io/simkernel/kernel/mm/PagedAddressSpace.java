package io.simkernel.kernel.mm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * The first memory model: pages of 512 eight-byte words held in a primitive map keyed by virtual
 * page number, filled on first touch, copied eagerly at fork. Slot 512 of each page array holds the
 * page's protection bits, so an access needs one map lookup (and usually none: the last page is
 * cached).
 */
public final class PagedAddressSpace implements AddressSpace {
  private static final int WORDS = 512;
  private static final int PROT_SLOT = 512;

  private final ArrayList<Vma> vmas = new ArrayList<>();
  private final LongObjectHashMap<long[]> pages;
  private final MemoryFault fault = new MemoryFault();
  private long cachedVpn = -1;
  private long[] cachedPage;

  public PagedAddressSpace() {
    pages = new LongObjectHashMap<>();
  }

  private PagedAddressSpace(PagedAddressSpace parent) {
    vmas.addAll(parent.vmas);
    pages = new LongObjectHashMap<>(parent.pages.size());
    parent.pages.forEachKeyValue((vpn, page) -> pages.put(vpn, page.clone()));
  }

  private long[] page(long addr, boolean write) {
    long vpn = addr >>> 12;
    long[] p;
    if (vpn == cachedVpn) {
      p = cachedPage;
    } else {
      p = pages.get(vpn);
      if (p == null) {
        throw missing(addr, write);
      }
      cachedVpn = vpn;
      cachedPage = p;
    }
    int need = write ? Vma.PROT_WRITE : Vma.PROT_READ;
    if ((p[PROT_SLOT] & need) == 0) {
      throw fault.set(MemoryFault.SEGV_ACCERR, addr, write);
    }
    return p;
  }

  private MemoryFault missing(long addr, boolean write) {
    Vma v = find(addr);
    if (v == null) {
      return fault.set(MemoryFault.SEGV_MAPERR, addr, write);
    }
    if ((v.prot() & (write ? Vma.PROT_WRITE : Vma.PROT_READ)) == 0) {
      return fault.set(MemoryFault.SEGV_ACCERR, addr, write);
    }
    return fault.set(MemoryFault.NOT_PRESENT, addr, write);
  }

  private Vma find(long addr) {
    int lo = 0;
    int hi = vmas.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Vma v = vmas.get(mid);
      if (addr < v.start()) {
        hi = mid - 1;
      } else if (addr >= v.end()) {
        lo = mid + 1;
      } else {
        return v;
      }
    }
    return null;
  }

  @Override
  public long load(long addr) {
    if ((addr & 7) == 0) {
      return page(addr, false)[(int) ((addr >>> 3) & (WORDS - 1))];
    }
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | loadByte(addr + i);
    }
    return v;
  }

  @Override
  public void store(long addr, long value) {
    if ((addr & 7) == 0) {
      page(addr, true)[(int) ((addr >>> 3) & (WORDS - 1))] = value;
      return;
    }
    // check every byte's page first, so a faulting unaligned store changes nothing
    page(addr, true);
    page(addr + 7, true);
    for (int i = 0; i < 8; i++) {
      storeByte(addr + i, (int) (value >>> (8 * i)));
    }
  }

  @Override
  public int loadByte(long addr) {
    long w = page(addr, false)[(int) ((addr >>> 3) & (WORDS - 1))];
    return (int) (w >>> ((addr & 7) * 8)) & 0xFF;
  }

  @Override
  public void storeByte(long addr, int value) {
    long[] p = page(addr, true);
    int i = (int) ((addr >>> 3) & (WORDS - 1));
    int shift = (int) ((addr & 7) * 8);
    p[i] = (p[i] & ~(0xFFL << shift)) | ((long) (value & 0xFF) << shift);
  }

  @Override
  public void map(long start, long length, int prot, boolean shared, String name, byte[] source,
      long sourceOffset) {
    if ((start & 4095) != 0 || length <= 0) {
      throw new IllegalArgumentException("mapping must be page-aligned and non-empty: 0x"
          + Long.toHexString(start) + "+" + length);
    }
    long end = start + ((length + 4095) & -4096L);
    for (Vma v : vmas) {
      if (start < v.end() && v.start() < end) {
        throw new IllegalArgumentException("mapping " + name + " overlaps " + v.name());
      }
    }
    vmas.add(new Vma(start, end, prot, shared, name, source, sourceOffset));
    vmas.sort((a, b) -> Long.compare(a.start(), b.start()));
  }

  @Override
  public int fault(long addr, boolean write) {
    Vma v = find(addr);
    if (v == null) {
      throw new IllegalStateException("fault outside every mapping at 0x" + Long.toHexString(addr));
    }
    long base = addr & -4096L;
    long[] p = new long[WORDS + 1];
    p[PROT_SLOT] = v.prot();
    int kind = MINOR_ZERO;
    if (v.source() != null) {
      kind = MINOR_FILE;
      long from = base - v.start() + v.sourceOffset();
      byte[] src = v.source();
      for (int i = 0; i < 4096; i++) {
        long s = from + i;
        if (s >= 0 && s < src.length && src[(int) s] != 0) {
          p[i >>> 3] |= (long) (src[(int) s] & 0xFF) << ((i & 7) * 8);
        }
      }
    }
    pages.put(base >>> 12, p);
    return kind;
  }

  @Override
  public AddressSpace fork() {
    return new PagedAddressSpace(this);
  }

  @Override
  public void release() {
    pages.clear();
    vmas.clear();
    cachedVpn = -1;
    cachedPage = null;
  }

  @Override
  public long presentPages() {
    return pages.size();
  }

  @Override
  public List<Vma> vmas() {
    return Collections.unmodifiableList(vmas);
  }
}
