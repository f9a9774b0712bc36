/**
 * The file system: one in-memory tree of inodes per machine — directories, regular files with
 * growable contents, and executable images stored as files — with permission bits and an owner
 * uid, path resolution and permission checks as Linux's fs/namei.c.
 *
 * <p><b>What it owns.</b> The {@link io.simkernel.kernel.fs.Inode}s (each a directory with its
 * entries in name order, or a file with its bytes or its {@code ProgramImage}), their link and
 * open counts, and the list of unlinked inodes kept alive by open descriptions. Open file
 * descriptions (offset, flags) belong to the ipc package's {@code OpenFile}; they tell an inode
 * when they are created and when their last descriptor closes.
 *
 * <p><b>Path resolution</b> ({@code link_path_walk}): every process's working directory is
 * {@code /}, so relative paths start there; {@code .} and {@code ..} are understood; a path of
 * PATH_MAX (4096) bytes or more, or a component over NAME_MAX (255), gives ENAMETOOLONG; a
 * missing component ENOENT; a component before the last that is not a directory (or a last one
 * followed by {@code /}) ENOTDIR; a directory on the way without search permission EACCES
 * ({@code may_lookup}, checked before each component is looked up).
 *
 * <p><b>Permissions</b> ({@code generic_permission}): the owner class when the process's uid
 * owns the inode, else the other class (processes have no supplementary groups, and each user's
 * group is its own). Root (uid 0) may read, write and search anything, but executes a file only
 * when at least one x bit is set.
 *
 * <p><b>States of an inode.</b> Linked (reachable by a name); unlinked but open (an orphan, as
 * after {@code unlink} of an open file: readable and writable through its descriptors); freed
 * (unlinked and no open description). <b>Invariants</b> (checked as {@code files} in the
 * registry): an inode's open count equals the open file descriptions, over every process's
 * table, that refer to it; every orphan is unlinked and open; every reachable inode is linked
 * exactly once from its parent.
 */
package io.simkernel.kernel.fs;
