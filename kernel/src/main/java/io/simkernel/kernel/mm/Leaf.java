package io.simkernel.kernel.mm;

/** A last-level page table: 512 entries in {@link Pte}'s layout (see {@link Node}). */
final class Leaf extends Node {
  final long[] pte = new long[512];
}
