/* Calls the no-allocator probe from C: links only if forklu needs no allocator. */
#include <stdio.h>
#include <stddef.h>

int probe_getrf(size_t n, double *a, int *ipiv);

int main(void) {
    double a[9] = {2, 4, 8, 1, 3, 7, 1, 3, 9};
    int ipiv[3];
    int info = probe_getrf(3, a, ipiv);
    printf("info=%d ipiv=%d,%d,%d\n", info, ipiv[0], ipiv[1], ipiv[2]);
    return info == 0 && ipiv[0] == 3 ? 0 : 1;
}
