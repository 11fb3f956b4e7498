/* The generic part of a program written for all four precisions (t_prec.h), included
 * once per precision: the program defines T_SELF as its own file name and includes this
 * header where it would include itself four times. The program's generic part ends
 * with #undef T_PREC, so the next definition is not a redefinition. No include guard:
 * a program includes it once. */
#define T_PREC T_S
#include T_SELF
#define T_PREC T_D
#include T_SELF
#define T_PREC T_C
#include T_SELF
#define T_PREC T_Z
#include T_SELF
