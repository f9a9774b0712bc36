/*
 * The real fork + _exit + waitpid cycle on this machine (LinuxForkBench; perf-anchors.md §1.1
 * measured the same loop). Usage: forkcycle N — runs N cycles of: fork; the child _exit(0)s at
 * once; the parent waitpid()s for it and checks it exited 0. Exit status 0 when every cycle
 * went right, 1 otherwise. Compiled by the benchmark with gcc -O2 at run time (never committed
 * as a binary).
 */
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  for (long i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid < 0) {
      return 1;
    }
    if (pid == 0) {
      _exit(0);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return 1;
    }
  }
  return 0;
}
