/* COIN-OR's C interfaces: CLP (simplex and barrier LP) and CBC (branch and cut). Debian puts them in /usr/include/coin. */
#include <coin/Clp_C_Interface.h>
#include <coin/Cbc_C_Interface.h>
