/* IpStdCInterface.h typedefs Int, Bool, Index and Number; renamed here so they never shadow Swift's. */
#define Int IpoptInt
#define Bool IpoptBool
#define Index IpoptIndex
#define Number IpoptNumber
#include <coin/IpStdCInterface.h>
#undef Int
#undef Bool
#undef Index
#undef Number
