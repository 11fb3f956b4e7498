/* Thread control from C: the documented clamping of forklu_set_num_threads. */
#include "t.h"

int main(void) {
    int max = forklu_get_max_threads();
    if (max < 65) t_error("max threads %d, want at least 65 (64 slots + the caller)\n", max);
    int cases[][2] = {{4, 4}, {1, 1}, {0, 1}, {-7, 1}, {1000000, max}, {3, 3}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        forklu_set_num_threads(cases[i][0]);
        if (forklu_get_num_threads() != cases[i][1])
            t_error("set %d: got %d, want %d\n", cases[i][0], forklu_get_num_threads(), cases[i][1]);
    }
    return t_status;
}
