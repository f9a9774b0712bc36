package io.simkernel.kernel.mm;

/** A directory page-table page: 512 slots of the next level down (see {@link Node}). */
final class Dir extends Node {
  final Node[] slots = new Node[512];
}
