// glibc's malloc tuning (mallopt), which the Glibc module does not bring in, and a test for
// the process's main thread.
#if defined(__linux__)
#include <malloc.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline int enm_is_main_thread(void) { return syscall(SYS_gettid) == getpid(); }
#endif
