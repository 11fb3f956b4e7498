/* The fork soak: argv[1] forks (default 10000) with random thread counts, two caller
 * threads factoring all the time (so forks land inside dgetrf), children that factor,
 * and children that fork grandchildren that factor. Every factorization is compared
 * bit for bit with a reference made before the first fork (forklu's results do not
 * depend on the thread count). At the end: no child or grandchild left in the process
 * group, the thread count no higher than main + callers + the pool's workers, and
 * the parent's workers still running tasks. Prints one summary line on stderr. */
#include "t.h"
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#define SHAPES 5
static const int M[SHAPES] = {1, 37, 120, 300, 257};
static const int NN[SHAPES] = {1, 37, 180, 300, 64};
#define MAXLEN (300 * 300)

static double *orig[SHAPES], *ref[SHAPES];
static int ref_ipiv[SHAPES][300], ref_info[SHAPES];
static atomic_int stop, caller_failures;
static atomic_long caller_calls;

/* Factors shape s into the caller's buffers and compares with the reference:
 * 0 when identical. */
static int check(int s, double *a, int *ipiv) {
    int m = M[s], n = NN[s], info = -99;
    memcpy(a, orig[s], sizeof(double) * (size_t)m * (size_t)n);
    dgetrf_(&m, &n, a, &m, ipiv, &info);
    int k = m < n ? m : n;
    return info != ref_info[s] || memcmp(ipiv, ref_ipiv[s], sizeof(int) * (size_t)k) != 0 ||
           memcmp(a, ref[s], sizeof(double) * (size_t)m * (size_t)n) != 0;
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static int pick(int n) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (int)(rng % (uint64_t)n);
}

static void *caller(void *arg) {
    static _Thread_local double a[MAXLEN];
    static _Thread_local int ipiv[300];
    int s = (int)(intptr_t)arg;
    while (!atomic_load(&stop)) {
        s = (s + 1) % SHAPES;
        if (check(s, a, ipiv)) atomic_fetch_add(&caller_failures, 1);
        atomic_fetch_add(&caller_calls, 1);
    }
    return NULL;
}

static double work_a[MAXLEN];
static int work_ipiv[300];

/* In a child: factor one or two shapes (possibly with a new thread count), exit 0 if
 * every result is identical to the reference. */
static void child_body(int nested) {
    forklu_set_num_threads(1 + pick(8));
    int bad = check(pick(SHAPES), work_a, work_ipiv);
    if (nested) {
        pid_t g = fork();
        if (g == 0) _exit(check(pick(SHAPES), work_a, work_ipiv));
        int st;
        if (g < 0 || waitpid(g, &st, 0) != g || !WIFEXITED(st) || WEXITSTATUS(st) != 0) bad = 1;
        bad |= check(pick(SHAPES), work_a, work_ipiv);
    }
    _exit(bad);
}

static int count_tasks(void) {
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));) n += e->d_name[0] != '.';
    if (d) closedir(d);
    return n;
}

/* Processes other than this one whose process group is ours. */
static int count_group_members(void) {
    pid_t me = getpid(), grp = getpgrp();
    DIR *d = opendir("/proc");
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        pid_t pid = (pid_t)atoi(e->d_name);
        if (pid <= 0 || pid == me) continue;
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        size_t len = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[len] = 0;
        char *p = strrchr(buf, ')'); /* after "pid (comm)": state ppid pgrp */
        int ppid, pgrp;
        if (p && sscanf(p + 2, "%*c %d %d", &ppid, &pgrp) == 2 && pgrp == grp) n++;
    }
    if (d) closedir(d);
    return n;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv) {
    long forks = argc > 1 ? atol(argv[1]) : 10000;
    setpgid(0, 0);
    forklu_set_num_threads(1);
    for (int s = 0; s < SHAPES; s++) {
        orig[s] = t_random(M[s], NN[s], M[s], (uint64_t)s + 11);
        ref[s] = t_copy(orig[s], (size_t)M[s] * (size_t)NN[s]);
        int m = M[s], n = NN[s];
        dgetrf_(&m, &n, ref[s], &m, ref_ipiv[s], &ref_info[s]);
    }
    enum { CALLERS = 2 };
    pthread_t th[CALLERS];
    for (int i = 0; i < CALLERS; i++) pthread_create(&th[i], NULL, caller, (void *)(intptr_t)i);

    long failures = 0, nested = 0;
    double worst = 0, start = now();
    for (long i = 0; i < forks; i++) {
        forklu_set_num_threads(1 + pick(8));
        int grand = pick(4) == 0;
        double t0 = now();
        pid_t pid = fork();
        if (pid == 0) child_body(grand);
        double dt = now() - t0;
        if (dt > worst) worst = dt;
        nested += grand;
        failures += check(pick(SHAPES), work_a, work_ipiv);
        int st;
        if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            failures++;
            t_error("fork %ld: child %s\n", i, pid < 0 ? "not created" : "failed");
        }
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < CALLERS; i++) pthread_join(th[i], NULL);
    /* After all those forks the parent's workers still run tasks. */
    forklu_set_num_threads(8);
    t_workers("parent after the soak");
    int tasks = count_tasks(), left = count_group_members();
    /* main + the pool's workers: never more than the largest thread count set (8)
     * minus the caller's own thread; the callers have been joined. */
    int allowed = 1 + 8 - 1;
    fprintf(stderr,
            "soak: %ld forks (%ld with a grandchild), %ld failures, %d caller failures in %ld "
            "caller calls, %d threads at the end (allowed %d), %d processes left, "
            "slowest fork %.1f ms, %.1f s\n",
            forks, nested, failures, atomic_load(&caller_failures), atomic_load(&caller_calls),
            tasks, allowed, left, worst * 1e3, now() - start);
    if (failures) t_error("%ld failed forks or factorizations\n", failures);
    if (atomic_load(&caller_failures)) t_error("caller threads saw changed results\n");
    if (tasks > allowed) t_error("%d threads left, at most %d expected\n", tasks, allowed);
    if (left) t_error("%d processes left in the group\n", left);
    return t_status;
}
