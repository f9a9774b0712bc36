package io.simkernel.api.scenario;

/**
 * A plain file or a directory the scenario places in the simulated file system before boot
 * ({@code file PATH "CONTENTS" [mode=0o644] [uid=N]}, {@code dir PATH [mode=0o755] [uid=N]}).
 *
 * @param path absolute path; missing parent directories are created (mode 0755, owner root)
 * @param contents the file's bytes as UTF-8 text (empty for a directory)
 * @param mode permission bits, {@code 0..07777}
 * @param uid the owner
 * @param directory true for {@code dir}
 */
public record FileEntry(String path, String contents, int mode, int uid, boolean directory) {}
